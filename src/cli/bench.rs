//! `bukusop bench`: cold builds of a booklet and of a large synthetic one,
//! phase by phase.

use bukusop::bench::{Pengukuran, ukur};
use bukusop::scaffold::synth;

use super::keluar::{ExitStatus, content_failure, io_failure, secs};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: super::FolderArg,
    /// Jumlah pengulangan tiap pengukuran (1–50)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..=50))]
    ulang: u16,
    /// Jumlah SOP buku sintetis (1–1000)
    #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u16).range(1..=1000))]
    sop: u16,
    /// Jumlah langkah per SOP sintetis (2–200)
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(2..=200))]
    langkah: u16,
    /// Ukur juga bangun ulang sesudah satu langkah satu SOP diubah (seperti `watch`), dibanding bangun dingin
    #[arg(long)]
    sunting: bool,
    /// Jumlah pelaksana per SOP sintetis (1–6)
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=6))]
    peran: u16,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = a.folder.existing()?;
    let ulang = usize::from(a.ulang);
    let tmp = tempfile::tempdir().map_err(|e| io_failure(&std::env::temp_dir(), &e))?;
    let dir = tmp.path().join("sintetis");
    synth::write(&dir, a.sop.into(), a.langkah.into(), a.peran.into())
        .map_err(|e| io_failure(&dir, &e))?;
    println!(
        "fase (median dari {ulang} kali)   muat    templat  tata letak  PDF      total   halaman  lintasan"
    );
    let label = format!("sintetis {}×{}×{}", a.sop, a.langkah, a.peran);
    let mut medians: Vec<Pengukuran> = Vec::new();
    for (label, dir) in [("buku bawaan", &folder), (label.as_str(), &dir)] {
        let m = ukur(dir, ulang).map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
        let t = m.timings;
        println!(
            "{label:<30} {:>7} {:>8} {:>11} {:>8} {:>8} {:>8} {:>9}",
            secs(t.load),
            secs(t.template),
            secs(t.typeset),
            secs(t.pdf),
            secs(t.total()),
            m.pages,
            m.passes
        );
        medians.push(m);
    }
    if let [a, b] = &medians[..] {
        let (ta, tb) = (
            a.timings.total().as_secs_f64(),
            b.timings.total().as_secs_f64(),
        );
        let (pa, pb) = (a.pages as f64, b.pages as f64);
        println!(
            "rasio sintetis/bawaan: waktu {:.1}×, halaman {:.1}× (waktu per halaman {:.2}×)",
            tb / ta,
            pb / pa,
            (tb / pb) / (ta / pa)
        );
    }
    let (ours, plain) = bukusop::bench::ukur_polos(&folder, ulang)
        .map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
    println!(
        "buku bawaan: bangun bukusop {} dibanding satu kompilasi Typst polos atas markup-nya {} (median dari {ulang} kali): {:.2}×",
        secs(ours),
        secs(plain),
        ours.as_secs_f64() / plain.as_secs_f64()
    );
    if a.sunting {
        sunting(&folder, ulang)?;
    }
    Ok(ExitStatus::Berhasil)
}

/// A cold build of a copy of `folder`, then a rebuild after one step was
/// edited, as `watch` does it.
fn sunting(folder: &std::path::Path, ulang: usize) -> Result<(), ExitStatus> {
    let tmp = tempfile::tempdir().map_err(|e| io_failure(&std::env::temp_dir(), &e))?;
    let copy = tmp.path().join("salinan");
    bukusop::scaffold::salin_folder(folder, &copy).map_err(|e| io_failure(&copy, &e))?;
    let (cold, warm) = bukusop::bench::ukur_sunting(&copy, ulang)
        .map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
    println!(
        "bangun ulang sesudah satu langkah diubah (median dari {ulang} kali): {} dibanding bangun dingin {}: {:.0} %",
        secs(warm),
        secs(cold),
        100.0 * warm.as_secs_f64() / cold.as_secs_f64()
    );
    Ok(())
}
