//! Every SOP as a PDF of its own, for the court's website, built in
//! parallel on the machine's cores.

use super::on_every_core;
use super::passes::{Parts, Rencana, single};
use crate::diag::Diagnostics;
use crate::files::slug;

/// One SOP as a PDF of its own.
pub struct SopPdf {
    /// File name without `.pdf`: its number and title.
    pub name: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// Every SOP as its own PDF under the booklet's plan `rencana`, spread
/// over the machine's cores.
pub(super) fn per_sop(parts: &Parts, rencana: &Rencana) -> Result<Vec<SopPdf>, Diagnostics> {
    let sops = &parts.prepared.content.sops;
    let one = |i: usize| -> Result<SopPdf, Diagnostics> {
        let (pdf, pages) = single(parts, i, rencana)?;
        Ok(SopPdf {
            name: format!("{:02}-{}", i + 1, slug(&sops[i].sop.judul.value)),
            pdf,
            pages,
        })
    };
    let all: Vec<usize> = (0..sops.len()).collect();
    on_every_core(&all, one).into_iter().collect()
}
