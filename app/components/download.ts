/** Downloads `url` as a plain link would: a download can't carry the session token the app's fetches carry. */
export function download(url: string) {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  document.body.append(link);
  link.click();
  link.remove();
}
