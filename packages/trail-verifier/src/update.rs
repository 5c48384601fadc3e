//! `--trusted`: an update verifies against what is installed, with no node to trust (SPEC
//! section 6). The new bundle must continue the trusted one: the same chain and contracts,
//! a members log whose first events are exactly the trusted ones, and a higher version. So
//! a forged bundle must also forge the Council's history the user's app already holds.

use std::cmp::Ordering;

use semver::Version;

use crate::bundle::Bundle;
use crate::error::{Continuation, VerifyError};
use crate::verify::{verify, Verified};

/// What an update kept of the installed release.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continued {
    pub trusted_version: String,
    /// Members events the installed bundle held, all found unchanged.
    pub members_events_kept: u64,
}

fn broken(problem: Continuation) -> VerifyError {
    VerifyError::NotAContinuation { problem }
}

fn version(text: &str) -> Result<Version, VerifyError> {
    Version::parse(text).map_err(|e| {
        broken(Continuation::BadVersion {
            version: text.to_string(),
            reason: e.to_string(),
        })
    })
}

/// Checks that `bundle` (already verified as `verified`) continues `trusted`, which is
/// verified again here: the installed file is data like any other.
pub fn check_continues(
    trusted: &Bundle,
    bundle: &Bundle,
    verified: &Verified,
) -> Result<Continued, VerifyError> {
    let installed =
        verify(trusted, &[]).map_err(|e| broken(Continuation::TrustedInvalid(Box::new(e))))?;
    if bundle.chain_id != trusted.chain_id {
        return Err(broken(Continuation::ChainId {
            trusted: trusted.chain_id.clone(),
            found: bundle.chain_id.clone(),
        }));
    }
    let (old, new) = (&trusted.contracts, &bundle.contracts);
    for (contract, trusted, found) in [
        ("membership", &old.membership, &new.membership),
        ("audit-registry", &old.audit_registry, &new.audit_registry),
        ("council-vote", &old.council_vote, &new.council_vote),
        ("release", &old.release, &new.release),
    ] {
        if trusted != found {
            return Err(broken(Continuation::Contract {
                contract,
                trusted: trusted.clone(),
                found: found.clone(),
            }));
        }
    }
    let kept = trusted.members_log.len();
    if bundle.members_log.len() < kept {
        return Err(broken(Continuation::MembersLogShorter {
            trusted: kept as u64,
            found: bundle.members_log.len() as u64,
        }));
    }
    if let Some((old, new)) = trusted
        .members_log
        .iter()
        .zip(&bundle.members_log)
        .find(|(old, new)| old != new)
    {
        return Err(broken(Continuation::MembersHistoryRewritten {
            seq: old.event.seq,
            trusted: old.hash.clone(),
            found: new.hash.clone(),
        }));
    }
    // semver precedence: build metadata does not make a version newer
    let (from, to) = (version(&installed.version)?, version(&verified.version)?);
    if to.cmp_precedence(&from) != Ordering::Greater {
        return Err(broken(Continuation::NotNewer {
            trusted: installed.version.clone(),
            found: verified.version.clone(),
        }));
    }
    Ok(Continued {
        trusted_version: installed.version,
        members_events_kept: kept as u64,
    })
}
