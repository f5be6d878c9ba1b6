//! The content as typed data, exactly as the YAML files spell it.
//!
//! Keys are the Indonesian words printed in the booklet. Values that later
//! checks must point at (dates, NIPs, role names) keep their YAML location.

mod buku;
mod gaya;
mod sop;

pub use crate::nilai::nip::FormatNip;
pub use buku::*;
pub use gaya::*;
pub use sop::*;
