//! `bukusop revisi`: the yearly revision, recorded in riwayat.yaml.

use bukusop::build;
use bukusop::content::riwayat::{self, BERKAS};
use bukusop::riwayat::{Revisi, rencanakan, tabel};

use super::FolderArg;
use super::keluar::{ExitStatus, content_failure, io_failure, usage_failure};
use bukusop::diag::jalur;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    folder: FolderArg,
    /// Tanggal revisi, TAHUN-BULAN-HARI (bawaan: hari ini)
    #[arg(long, value_name = "TANGGAL")]
    tanggal: Option<String>,
    /// Tanggal efektif (bawaan: sehari setelah tanggal revisi)
    #[arg(long, value_name = "TANGGAL")]
    efektif: Option<String>,
    /// Catatan singkat revisi ini
    #[arg(long, value_name = "TEKS")]
    catatan: Option<String>,
    /// Tampilkan saja apa yang akan berubah, tanpa menulis riwayat.yaml
    #[arg(long)]
    dry_run: bool,
    /// riwayat.yaml tanpa sidik sudah diperiksa utuh: segel apa adanya, lalu lanjutkan
    #[arg(long)]
    riwayat_utuh: bool,
}

pub fn run(a: Args) -> Result<ExitStatus, ExitStatus> {
    let folder = &a.folder.existing()?;
    let today = chrono::Local::now().date_naive();
    let revisi = Revisi::baca(
        a.tanggal.as_deref(),
        a.efektif.as_deref(),
        a.catatan.as_deref(),
        today,
    )
    .map_err(|d| usage_failure(&d))?;
    // An unsealed record the user checked is whole: sealed as it stands.
    if a.riwayat_utuh {
        let akar = bukusop::files::Akar::new(folder).map_err(|e| io_failure(folder, &e))?;
        let sealed = riwayat::segel(&akar).map_err(|d| {
            content_failure(
                &bukusop::diag::Diagnostics(vec![d]),
                "riwayat.yaml tidak diubah",
            )
        })?;
        if let Some(text) = sealed {
            let file = folder.join(BERKAS);
            bukusop::files::tulis(&file, text.as_bytes()).map_err(|e| io_failure(&file, &e))?;
            println!("{} disegel apa adanya.", bukusop::diag::jalur(&file));
        }
    }
    // A revision of content that does not build would record a mistake.
    let (checked, prepared) = build::prepare(folder, false);
    let content = prepared
        .map(|p| p.content)
        .ok_or_else(|| content_failure(&checked, "riwayat.yaml tidak diubah"))?;
    revisi
        .sesudah_terakhir(&content)
        .map_err(|d| usage_failure(&d))?;
    let plan = rencanakan(&content, &revisi);
    if content.riwayat.is_none() {
        println!(
            "Folder ini belum punya {BERKAS}: keadaan sekarang dicatat sebagai keadaan awal (nomor revisi dari berkas SOP, tanggal dari buku.yaml). Revisi berikutnya membandingkan dengan catatan ini."
        );
    }
    print!("{}", tabel(&plan.baris));
    if plan.tidak_berubah > 0 {
        println!("{} SOP tidak berubah.", plan.tidak_berubah);
    }
    if !plan.berubah() {
        println!("Tidak ada yang berubah sejak revisi terakhir; riwayat.yaml tetap.");
        return Ok(ExitStatus::Berhasil);
    }
    if a.dry_run {
        println!("Uji coba (--dry-run): riwayat.yaml tidak diubah.");
        return Ok(ExitStatus::Berhasil);
    }
    let file = folder.join(BERKAS);
    riwayat::write(folder, &plan.riwayat).map_err(|e| io_failure(&file, &e))?;
    if content.riwayat.is_none() {
        println!("{} ditulis (keadaan awal).", jalur(&file));
    } else {
        println!(
            "{} diperbarui: revisi {}, efektif {}.",
            jalur(&file),
            revisi.tanggal,
            revisi.efektif
        );
    }
    Ok(ExitStatus::Berhasil)
}
