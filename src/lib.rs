//! bukusop: the SOP booklet of an Indonesian court, from YAML to PDF.
//!
//! The library never prints; it returns output and diagnostics as data.

pub mod assets;
pub mod build;
pub mod check;
pub mod content;
pub mod diag;
pub mod flow;
pub mod git;
pub mod images;
pub mod init;
pub mod model;
pub mod nip;
pub mod nomor;
pub mod page_labels;
pub mod render;
pub mod report;
pub mod riwayat;
pub mod route;
pub mod schema;
pub mod synth;
pub mod tanggal;
pub mod typeset;
pub mod view;
pub mod waktu;
pub mod yaml;
