// Untrusted text (anything that came from AWS) made harmless for a terminal.
// ESC/CSI/OSC sequences, then any remaining C0/C1 control character except newline and tab.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Strips terminal control sequences and control characters; shows each removed control as "�". */
export function forTerminal(text) {
    return text.replace(ANSI, "�").replace(CONTROL, "�");
}
