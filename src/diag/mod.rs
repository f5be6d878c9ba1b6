//! Diagnostics as data: the core library never prints, it returns these.
//! Every stage reports what it finds as [`Diagnostic`]s; `report` turns
//! them into text or JSON for the CLI to print.

pub mod report;
pub mod saran;

// Where every stage found it first.
pub use crate::files::io_reason;

use std::fmt;
use std::path::PathBuf;

/// How serious a finding is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// A place in a content file, 1-based like editors show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: PathBuf,
    pub line: u64,
    pub column: u64,
}

/// One finding, with an Indonesian message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub place: Option<Place>,
    pub message: String,
    pub hint: Option<String>,
    /// The line `place` points at, when its file is not on disk (the
    /// Typst markup bukusop generates).
    pub baris: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            place: None,
            message: message.into(),
            hint: None,
            baris: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(message)
        }
    }

    pub fn at(mut self, place: Option<Place>) -> Self {
        self.place = place;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl Severity {
    /// The word printed for it.
    pub fn kata(self) -> &'static str {
        match self {
            Severity::Error => "galat",
            Severity::Warning => "peringatan",
        }
    }
}

impl Diagnostic {
    /// `file:line:column: galat: message`, the first line of a report.
    pub fn headline(&self) -> String {
        let at = self
            .place
            .as_ref()
            .map(|p| format!("{}:{}:{}: ", p.file.display(), p.line, p.column))
            .unwrap_or_default();
        format!("{at}{}: {}", self.severity.kata(), self.message)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.headline())?;
        if let Some(h) = &self.hint {
            write!(f, "\n  saran: {h}")?;
        }
        Ok(())
    }
}

/// The findings of one run; a build stops when any of them is an error.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    /// [`Diagnostics::extend`], leaving out what is here already (a
    /// later pass finds the same warnings again).
    pub fn extend_new(&mut self, other: Diagnostics) {
        for d in other.0 {
            if !self.0.contains(&d) {
                self.0.push(d);
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// A character that changes how the text around it shows without being
/// seen itself, which bukusop never prints: a control character (ESC, BEL,
/// CR; a line break and a tab are text) or a mark that overrides or
/// isolates the direction of text (U+202A–U+202E, U+2066–U+2069), with
/// which a value could print otherwise than reviewers read it. The marks
/// that only say a direction (U+200E, U+200F) stay: Arabic text uses them.
pub fn tersembunyi(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` as it may reach a terminal: control characters from a YAML value
/// or a path (ESC, BEL, a new line …) shown escaped, as `\u{1b}`, never
/// sent raw. Text of several lines is escaped line by line.
pub fn tampak(s: &str) -> String {
    s.chars()
        .map(|c| {
            // Also the marks that reorder text on screen (U+202E …).
            let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi {
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
