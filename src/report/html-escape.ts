/**
 * HTML escaping for the report: `escapeHtml` for text and attribute values
 * (names come from user code and may hold anything), `jsonForScript` for
 * data embedded in a <script type="application/json"> element (no `<`, so
 * no `</script>` can end it early; U+2028/2029 escaped).
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function jsonForScript(value: unknown): string {
  return scriptSafe(JSON.stringify(value));
}

/** JSON text made safe inside a <script> element; works on any piece of it (each character alone). */
export function scriptSafe(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
