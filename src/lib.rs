//! bukusop: the SOP booklet of an Indonesian court, from YAML to PDF.
//!
//! # Tahap (stages)
//!
//! Each stage is a module; data flows down this list and no module uses
//! one below it in the list but its own inputs:
//!
//! 1. [`content`]: load the content folder: YAML → typed model, the
//!    templates, fonts and images, the revision record as data.
//! 2. [`check`]: every semantic check; diagnostics as data, and the values
//!    the checks proved.
//! 3. [`flow`]: the flow graph of each table; [`route`]: where its lines
//!    run, in millimetres.
//! 4. [`view`]: the data the templates print, formatted.
//! 5. [`render`]: minijinja templates → Typst markup.
//! 6. [`typeset`]: the embedded Typst compiler → laid-out pages.
//! 7. [`audit`]: what a careful reader would object to on the laid-out
//!    pages; [`pdf`]: the PDF's bytes, page labels, verification.
//!
//! [`build`] runs the stages in order. Around them: [`riwayat`], the
//! yearly revision workflow; [`scaffold`], new content folders and SOP
//! files; [`bench`], timing builds. Below them all: [`diag`]
//! (diagnostics and their reports), [`nilai`] (dates, NIPs, numbers,
//! durations, lettering), [`files`] (reading and writing files),
//! [`kontrak`] (what Rust and Typst agree on) and [`teks`] (what text is
//! never printed, and how a terminal is shown the rest).
//!
//! The library never prints; it returns output and diagnostics as data.
//!
//! Names: Indonesian for what users write or read (YAML keys, labels, the
//! data templates receive), English for the code's own structure; one
//! meaning per name.

pub mod audit;
pub mod bench;
pub mod build;
pub mod check;
pub mod content;
pub mod diag;
pub mod files;
pub mod flow;
pub mod kontrak;
pub mod nilai;
pub mod pdf;
pub mod render;
pub mod riwayat;
pub mod route;
pub mod scaffold;
pub mod teks;
pub mod typeset;
pub mod view;
