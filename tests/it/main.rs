//! The integration tests: one binary, so Typst is linked once. One module
//! per feature; fixture folders beside this one (`tests/alur`,
//! `tests/rusak`, `tests/referensi`).

mod audit;
mod bagan;
mod booklet;
mod cli;
mod common;
mod contoh;
mod editor;
mod escaping;
mod ragam;
mod revisi;
mod rusak;
mod serangan;
mod templat;
