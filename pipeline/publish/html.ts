/** Writing text into HTML, shared by the site and the timeline. */

/** Text made safe for HTML element content and attribute values. */
export function escapeHtml(s: string | null | undefined): string {
  return (s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}
