/** True for an ErrorFact. */
export function isErrorFact(v) {
    return typeof v === "object" && v !== null && "$error" in v && typeof v.$error === "object";
}
