//! `bukusop bench`: cold builds of a booklet and of a large synthetic one,
//! phase by phase, as a text table or as the Markdown table of the README.

use std::time::Duration;

use bukusop::bench::{Pengukuran, Sebaran, ukur};
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
    /// Cetak hasilnya sebagai tabel Markdown bertanggal (untuk README)
    #[arg(long)]
    markdown: bool,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = a.folder.existing()?;
    let ulang = usize::from(a.ulang);
    let tmp = tempfile::tempdir().map_err(|e| io_failure(&std::env::temp_dir(), &e))?;
    let dir = tmp.path().join("sintetis");
    synth::write(&dir, a.sop.into(), a.langkah.into(), a.peran.into())
        .map_err(|e| io_failure(&dir, &e))?;
    let md = a.markdown;
    if md {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        println!(
            "Diukur {} dengan `bukusop bench --ulang {ulang}` ({cores} inti); median, dengan min–maks total:\n",
            chrono::Local::now().date_naive()
        );
        println!(
            "| buku | muat | templat | tata letak | PDF | total (min–maks) | halaman | lintasan | SOP ditata |"
        );
        println!("|---|---|---|---|---|---|---|---|---|");
    } else {
        println!(
            "fase (median dari {ulang} kali)   muat    templat  tata letak  PDF      total   (min–maks)     halaman  lintasan  SOP ditata"
        );
    }
    // The default booklet and its comparisons first: after the large
    // synthetic booklet the process itself runs slower (its allocator holds
    // gigabytes), which would skew the small figures.
    let baris = |label: &str, dir: &std::path::Path| -> Result<Pengukuran, ExitStatus> {
        let m = ukur(dir, ulang).map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
        let t = m.timings;
        let cells = [
            secs(t.load),
            secs(t.template),
            secs(t.typeset),
            secs(t.pdf),
            format!("{} ({})", secs(m.total.median), rentang(&m.total)),
        ];
        if md {
            println!(
                "| {label} | {} | {} | {} | {} |",
                cells.join(" | "),
                m.pages,
                m.passes,
                t.sop_ditata
            );
        } else {
            println!(
                "{label:<30} {:>7} {:>8} {:>11} {:>8} {:>22} {:>8} {:>9} {:>11}",
                cells[0], cells[1], cells[2], cells[3], cells[4], m.pages, m.passes, t.sop_ditata
            );
        }
        Ok(m)
    };
    let bawaan = baris("buku bawaan", &folder)?;
    let polos = bukusop::bench::ukur_polos(&folder, ulang)
        .map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
    let sunting = match a.sunting {
        true => Some(sunting(&folder, ulang)?),
        false => None,
    };
    let sintetis = baris(
        &format!("sintetis {}×{}×{}", a.sop, a.langkah, a.peran),
        &dir,
    )?;
    println!();
    let (pa, pb) = (bawaan.pages as f64, sintetis.pages as f64);
    let waktu = sintetis.total.rasio(&bawaan.total);
    println!(
        "rasio sintetis/bawaan: waktu {waktu:.1}×, halaman {:.1}× (waktu per halaman {:.2}×)",
        pb / pa,
        waktu / (pb / pa)
    );
    let (ours, plain, layout) = (&polos.bukusop, &polos.pdf, &polos.tata_letak);
    println!(
        "buku bawaan: bangun bukusop {} ({}) dibanding satu kompilasi Typst polos atas markup-nya menjadi PDF {} ({}), median dari {ulang} kali: {:.2}× (tata letaknya saja {} ({}): {:.2}×)",
        secs(ours.median),
        rentang(ours),
        secs(plain.median),
        rentang(plain),
        ours.rasio(plain),
        secs(layout.median),
        rentang(layout),
        ours.rasio(layout)
    );
    if let Some(line) = sunting {
        println!("{line}");
    }
    Ok(ExitStatus::Berhasil)
}

/// `0.44–0.50`: the least and the most of the runs, in seconds.
fn rentang(s: &Sebaran) -> String {
    let x = |d: Duration| format!("{:.2}", d.as_secs_f64());
    format!("{}–{}", x(s.min), x(s.max))
}

/// A cold build of a copy of `folder`, then a rebuild after one step was
/// edited, as `watch` does it: the line that says so.
fn sunting(folder: &std::path::Path, ulang: usize) -> Result<String, ExitStatus> {
    let tmp = tempfile::tempdir().map_err(|e| io_failure(&std::env::temp_dir(), &e))?;
    let copy = tmp.path().join("salinan");
    bukusop::scaffold::salin_folder(folder, &copy).map_err(|e| io_failure(&copy, &e))?;
    let (cold, warm) = bukusop::bench::ukur_sunting(&copy, ulang)
        .map_err(|d| content_failure(&d, "pengukuran dibatalkan"))?;
    Ok(format!(
        "bangun ulang sesudah satu langkah diubah (median dari {ulang} kali): {} ({}) dibanding bangun dingin {} ({}): {:.0} %",
        secs(warm.median),
        rentang(&warm),
        secs(cold.median),
        rentang(&cold),
        100.0 * warm.rasio(&cold)
    ))
}
