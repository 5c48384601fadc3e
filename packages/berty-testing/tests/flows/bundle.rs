//! Exporting a release's bundle from the chain and checking it offline.

use berty_interface::release::ReleaseEventKind;
use berty_testing::dao::Dao;
use berty_trail_verifier::{verify, ArtifactFile, Bundle, Verified, VerifyError};

pub fn export(dao: &Dao, release_id: &str) -> Bundle {
    Bundle::export(&dao.app.wrap(), &dao.chain_id(), &dao.release, release_id)
        .expect("export the bundle")
}

/// The artifact files of `names` (each file's bytes are its name, see `dao::artifact`).
pub fn files(names: &[&str]) -> Vec<ArtifactFile> {
    names
        .iter()
        .map(|name| ArtifactFile {
            name: name.to_string(),
            bytes: name.as_bytes().to_vec(),
        })
        .collect()
}

/// The kinds of the release log's events, in order: the story a bundle tells.
pub fn release_story(bundle: &Bundle) -> Vec<ReleaseEventKind> {
    bundle.release_log.iter().map(|e| e.event.kind).collect()
}

pub fn check(bundle: &Bundle, names: &[&str]) -> Result<Verified, VerifyError> {
    verify(bundle, &files(names))
}
