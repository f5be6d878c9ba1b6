//! Diagnostics as data: the core library never prints, it returns these.
//! Every stage reports what it finds as [`Diagnostic`]s; `report` turns
//! them into text or JSON for the CLI to print.

pub mod report;
pub mod saran;

// Where every stage found it first.
pub use crate::files::io_reason;
pub use crate::teks::{jalur, tampak, tersembunyi};

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
