/**
 * Text the database can't store (a NUL; a lone surrogate, which is not UTF-8 at all) or that has no place
 * in a name, a tag or an address: control characters. Checked where text from outside is kept or searched.
 */
const NOT_PLAIN = /[\p{Cc}\p{Cs}]/u;

export const isPlainText = (value: string) => !NOT_PLAIN.test(value);
