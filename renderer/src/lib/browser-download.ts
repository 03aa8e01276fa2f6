/**
 * Hands a same-origin URL to the browser's own download manager: it streams the response to
 * disk (Content-Disposition names the file), so a multi-GB export never sits in this page's memory
 * the way a Blob would.
 */
export function startBrowserDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
