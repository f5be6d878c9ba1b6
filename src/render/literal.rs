//! Values as Typst literals: the one place where content becomes markup,
//! always as a string literal that Typst prints as it is.

use minijinja::value::{Object, Value, ValueKind};
use minijinja::{Error, ErrorKind};

/// A Typst string literal made by the `str` filter, printed as it is.
#[derive(Debug)]
struct Literal(String);

impl Object for Literal {}

/// The `str` filter: text as a bare Typst string literal (`"…"`), for use
/// inside code, where `{{ x }}` would print markup.
pub fn str_filter(value: Value) -> Result<Value, Error> {
    match value.as_str() {
        Some(s) => Ok(Value::from_object(Literal(string_literal(s)))),
        None => Err(Error::new(
            ErrorKind::InvalidOperation,
            "filter `str` hanya untuk teks",
        )),
    }
}

/// One value as Typst code that evaluates to exactly that value.
pub fn typst_literal(value: &Value) -> Result<String, Error> {
    if let Some(Literal(s)) = value.downcast_object_ref::<Literal>() {
        return Ok(s.clone());
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => Ok(String::new()),
        ValueKind::Bool => Ok(if value.is_true() {
            "true".into()
        } else {
            "false".into()
        }),
        ValueKind::Number => {
            let s = value.to_string();
            // Numbers print as digits, a sign and a point only.
            if s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | '.'))
            {
                Ok(s)
            } else {
                Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("bilangan tidak sah: {s}"),
                ))
            }
        }
        ValueKind::String => Ok(markup(value.as_str().unwrap_or_default())),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            "templat hanya boleh mencetak teks atau bilangan, bukan daftar atau peta",
        )),
    }
}

/// Text in markup: string literals, the parts written `_like this_` as
/// the argument of `emph` (italics, for foreign words). Nothing else of
/// the text is read as markup.
fn markup(s: &str) -> String {
    let mut out = String::new();
    for (miring, part) in emphasis(s) {
        if miring {
            out.push_str(&format!("#emph({});", string_literal(part)));
        } else {
            out.push_str(&format!("#{};", string_literal(part)));
        }
    }
    if out.is_empty() {
        out.push_str("#\"\";");
    }
    out
}

/// `s` cut into plain and emphasised parts. A `_` opens at the start or
/// after a space or opening bracket, before a non-space; it closes before
/// the end, a space or punctuation, after a non-space. An underscore
/// inside a word (`pn_bengkalis@…`) or without its pair stays as it is.
pub fn emphasis(s: &str) -> Vec<(bool, &str)> {
    let b = s.as_bytes();
    let opens = |i: usize| {
        (i == 0 || matches!(b[i - 1], b' ' | b'(' | b'[' | b'"' | b'\'' | b'/' | b'\n'))
            && b.get(i + 1)
                .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'_')
    };
    let closes = |i: usize| {
        i > 0
            && !b[i - 1].is_ascii_whitespace()
            && b.get(i + 1)
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'_')
    };
    let mut parts = Vec::new();
    let (mut plain, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'_'
            && opens(i)
            && let Some(end) = (i + 2..b.len()).find(|&j| b[j] == b'_' && closes(j))
        {
            if plain < i {
                parts.push((false, &s[plain..i]));
            }
            parts.push((true, &s[i + 1..end]));
            plain = end + 1;
            i = end + 1;
            continue;
        }
        i += 1;
    }
    if plain < s.len() {
        parts.push((false, &s[plain..]));
    }
    parts
}

/// A Typst string literal. The `;` that follows it in markup ends the
/// expression, so a `.x` or `(` after it stays text.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // No font prints a control character (PDF/A refuses one), and
            // a direction override would print otherwise than it reads:
            // left out (`check` names them).
            c if crate::diag::tersembunyi(c) => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_literals() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny"), r#""x\ny""#);
        // Control characters and direction marks are left out; a line
        // break and a tab stay.
        assert_eq!(string_literal("a\u{1b}[1m\u{7}\r\tb"), r#""a[1m\tb""#);
        assert_eq!(
            string_literal("\u{202e}ABC\u{200f}10\u{61c}/20"),
            "\"ABC10/20\""
        );
        assert_eq!(typst_literal(&Value::from(3)).unwrap(), "3");
        assert_eq!(
            typst_literal(&Value::from_safe_string("#sys".into())).unwrap(),
            "#\"#sys\";"
        );
        assert!(typst_literal(&Value::from(vec![1, 2])).is_err());
        let code = str_filter(Value::from("a\"#b")).unwrap();
        assert_eq!(typst_literal(&code).unwrap(), r##""a\"#b""##);
        assert!(str_filter(Value::from(3)).is_err());
    }

    #[test]
    fn underscores_mark_italics_only_around_words() {
        assert_eq!(
            emphasis("rapat _video conference_ selesai"),
            [
                (false, "rapat "),
                (true, "video conference"),
                (false, " selesai")
            ]
        );
        assert_eq!(
            emphasis("(_online_)."),
            [(false, "("), (true, "online"), (false, ").")]
        );
        for plain in [
            "pn_bengkalis@yahoo.co.id",
            "a _ b _ c",
            "_tanpa pasangan",
            "__",
            "x_y_",
        ] {
            assert_eq!(emphasis(plain), [(false, plain)], "{plain}");
        }
        assert_eq!(emphasis(""), []);
        // Inside, the text is a string literal all the same.
        assert_eq!(
            typst_literal(&Value::from(r#"_#sys "x"_ lalu"#)).unwrap(),
            r##"#emph("#sys \"x\"");#" lalu";"##
        );
        assert_eq!(typst_literal(&Value::from("")).unwrap(), "#\"\";");
    }
}
