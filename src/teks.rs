//! Text from a content folder or a path as bukusop shows it: what is never
//! printed, and how a terminal is shown the rest. Below every module.

/// A character that changes how the text around it shows without being
/// seen itself, which bukusop never prints: a control character (ESC, BEL,
/// CR; a line break and a tab are text) or one that sets the direction of
/// text, with which a value could print otherwise than reviewers read it
/// (`10\u{61c}/20` printed `1020/`); and U+FEFF, a byte-order mark
/// inside a text, which no font prints. Arabic text reads right to left
/// without them.
pub fn tersembunyi(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || arah(c) || c == '\u{feff}'
}

/// The characters that set the direction of the text around them: marks
/// (U+061C, U+200E, U+200F), overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069).
fn arah(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` as it may reach a terminal: control characters from a YAML value
/// or a path (ESC, BEL, a new line …) shown escaped, as `\u{1b}`, never
/// sent raw. Text of several lines is escaped line by line.
pub fn tampak(s: &str) -> String {
    s.chars()
        .map(|c| {
            // Also the marks that reorder text on screen (U+202E …).
            // And what breaks a line or shows nothing (U+2028, U+200B, a BOM).
            let tak_terlihat = matches!(c, '\u{2028}' | '\u{2029}' | '\u{200b}' | '\u{feff}');
            if c.is_control() || arah(c) || tak_terlihat {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A path as it may reach a terminal (see [`tampak`]): a folder named with
/// an escape sequence prints as text.
pub fn jalur(p: impl AsRef<std::path::Path>) -> String {
    tampak(&p.as_ref().display().to_string())
}

/// A line break of any kind: `\n`, `\r`, U+2028, U+2029 (Typst breaks
/// lines at each).
pub fn baris_baru(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// A character a value of one line of plain text (a name `init` writes, a
/// title, a revision note) may not hold: a line break or what is never
/// printed.
pub fn tak_sebaris(c: char) -> bool {
    baris_baru(c) || tersembunyi(c)
}
