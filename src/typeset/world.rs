//! The sandboxed Typst World: the main file, the files bukusop hands over,
//! the fonts, and nothing else.

use std::collections::HashMap;

use typst::diag::{FileError, FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};

use super::Typesetter;
use crate::diag::{Diagnostic, Place};

pub(super) fn id(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("valid virtual path"),
    )
    .intern()
}

pub(super) struct Sandbox<'a> {
    pub ts: &'a Typesetter,
    pub main: Source,
    pub files: &'a HashMap<String, Vec<u8>>,
}

impl Sandbox<'_> {
    fn lookup(&self, id: FileId) -> FileResult<&Vec<u8>> {
        let path = id.get();
        if !matches!(path.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some("paket tidak tersedia".into())));
        }
        let name = path.vpath().get_with_slash();
        self.files
            .get(name)
            .ok_or_else(|| FileError::NotFound(name.into()))
    }

    pub fn diagnostic(&self, e: &SourceDiagnostic) -> Diagnostic {
        let mut baris = None;
        let place = e.span.id().and_then(|fid| {
            let source = self.source(fid).ok()?;
            let range = self.range(e.span)?;
            let line = source.lines().byte_to_line(range.start)?;
            let column = source.lines().byte_to_column(range.start)? + 1;
            baris = source.text().lines().nth(line).map(str::to_string);
            Some(Place {
                file: fid.get().vpath().get_without_slash().into(),
                line: line as u64 + 1,
                column: column as u64,
            })
        });
        let mut msg = format!("tata letak gagal: {}", e.message);
        for h in &e.hints {
            msg.push_str(&format!(" ({})", h.v));
        }
        let d = match e.severity {
            TypstSeverity::Error => Diagnostic::error(msg),
            TypstSeverity::Warning => Diagnostic::warning(msg),
        };
        Diagnostic {
            baris: if place.is_some() { baris } else { None },
            ..d.at(place)
        }
    }
}

impl World for Sandbox<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.ts.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.ts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        let bytes = self.lookup(id)?;
        // Typst asks for a file many times a layout (the library once per
        // arrow drawn): parsed once while its text stays the same.
        let mut parsed = self.ts.parsed.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = parsed
            .get(&id)
            .filter(|s| s.text().as_bytes() == bytes.as_slice())
        {
            return Ok(s.clone());
        }
        let text = String::from_utf8(bytes.clone()).map_err(|_| FileError::InvalidUtf8)?;
        let source = Source::new(id, text);
        parsed.insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let bytes = self.lookup(id)?;
        // One copy of a logo, not one per request.
        let mut held = self.ts.held.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(b) = held.get(&id).filter(|b| b.as_slice() == bytes.as_slice()) {
            return Ok(b.clone());
        }
        let b = Bytes::new(bytes.clone());
        held.insert(id, b.clone());
        Ok(b)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.ts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: the output must not depend on the day it is built.
        None
    }
}
