import { useEffect, useState } from "react";

const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/**
 * A time in the merchant's time zone. The server doesn't know that zone: it renders UTC, and the browser
 * replaces it after hydration so both renders agree.
 */
export function LocalTime({ iso }: { iso: string }) {
  const [text, setText] = useState(() => utc(iso));
  useEffect(() => {
    setText(new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }));
  }, [iso]);
  return <time dateTime={iso}>{text}</time>;
}
