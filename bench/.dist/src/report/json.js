/** The report as pretty-printed JSON. */
export function renderJson(report) {
    return `${JSON.stringify(report, null, 2)}\n`;
}
