/** Downloads `url` as a plain link would: a download can't carry the session token the app's fetches carry. */
export function download(url: string, name = "") {
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * Fetches `url` (a signed link, which needs no session token) and saves what it answers as a file, named as
 * its Content-Disposition says; resolves once the file is in hand. A refusal resolves to its text, to show.
 */
export async function fetchAndSave(url: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) return { ok: false, message: await response.text() };
  const name =
    /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "download";
  const file = URL.createObjectURL(await response.blob());
  download(file, name);
  // The click has handed the file to the browser: the object URL can go once this task is done.
  setTimeout(() => URL.revokeObjectURL(file), 0);
  return { ok: true };
}
