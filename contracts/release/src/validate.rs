//! Checks of the release contract's own input shapes: versions (strict semver), commit ids,
//! artifacts and build info. The common shapes come from `berty_interface::validate`.

use std::collections::BTreeSet;

use berty_interface::release::{Artifact, BuildInfo, MAX_ARTIFACTS, VERSION_MAX_BYTES};
use berty_interface::validate::{validate_digest, validate_label, validate_title, validate_uri};

use crate::error::ContractError;

/// Semantic Versioning 2.0.0, strictly (the `semver` crate's parser: `MAJOR.MINOR.PATCH`,
/// numbers without leading zeros, optional pre-release and build identifiers), at most
/// `VERSION_MAX_BYTES` long.
pub fn is_semver(version: &str) -> bool {
    version.len() <= VERSION_MAX_BYTES && semver::Version::parse(version).is_ok()
}

pub fn validate_version(version: &str) -> Result<(), ContractError> {
    if is_semver(version) {
        Ok(())
    } else {
        Err(ContractError::InvalidVersion {
            version: version.to_string(),
            max: VERSION_MAX_BYTES,
        })
    }
}

/// A git object id, whole (sha1: 40, sha256: 64) or abbreviated as git prints it (at
/// least 7), in hex; frontends paste what `git log` shows.
pub fn validate_commit(commit: &str) -> Result<(), ContractError> {
    let ok = (7..=64).contains(&commit.len()) && commit.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then_some(()).ok_or(ContractError::InvalidCommit)
}

/// 1 to `MAX_ARTIFACTS` artifacts with distinct digests, each field well formed.
pub fn validate_artifacts(artifacts: &[Artifact]) -> Result<(), ContractError> {
    if artifacts.is_empty() || artifacts.len() > MAX_ARTIFACTS {
        return Err(ContractError::ArtifactCount {
            len: artifacts.len(),
            max: MAX_ARTIFACTS,
        });
    }
    let mut digests = BTreeSet::new();
    for artifact in artifacts {
        validate_title("artifact name", &artifact.name)?;
        validate_label("platform", &artifact.platform)?;
        validate_digest("artifact digest", &artifact.digest)?;
        validate_uri("artifact uri", &artifact.uri)?;
        if !digests.insert(artifact.digest.as_str()) {
            return Err(ContractError::DuplicateArtifact {
                digest: artifact.digest.clone(),
            });
        }
    }
    Ok(())
}

pub fn validate_build(build: &BuildInfo) -> Result<(), ContractError> {
    validate_label("builder", &build.builder)?;
    if let Some(uri) = &build.provenance_uri {
        validate_uri("provenance_uri", uri)?;
    }
    if let Some(digest) = &build.provenance_digest {
        validate_digest("provenance_digest", digest)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn semver_accepts_valid_versions() {
        for ok in [
            "0.0.0",
            "1.2.3",
            "10.20.30",
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-0.3.7",
            "1.0.0-x.7.z.92",
            "1.0.0-x-y-z.--",
            "1.0.0+20130313144700",
            "1.0.0-beta+exp.sha.5114f85",
            "1.0.0+21AF26D3----117B344092BD",
            "2.431.0-rc.1+build.7",
        ] {
            assert!(is_semver(ok), "{ok}");
        }
    }

    #[test]
    fn semver_rejects_invalid_versions() {
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "v1.2.3",
            "01.2.3",
            "1.02.3",
            "1.2.03",
            "1.2.3-",
            "1.2.3+",
            "1.2.3-01",
            "1.2.3-alpha..1",
            "1.2.3-al pha",
            "1.2.3+build..1",
            "1.2.3+b_1",
            " 1.2.3",
            "1.2.3\n",
            "1.-2.3",
            "a.b.c",
            "1.2.3-é",
        ] {
            assert!(!is_semver(bad), "{bad:?}");
        }
        let long = format!("1.2.3-{}", "a".repeat(VERSION_MAX_BYTES));
        assert!(!is_semver(&long));
        let longest = format!("1.2.3-{}", "a".repeat(VERSION_MAX_BYTES - 6));
        assert!(is_semver(&longest));
        assert!(matches!(
            validate_version("1.2"),
            Err(ContractError::InvalidVersion { version, max: 64 }) if version == "1.2"
        ));
    }

    #[test]
    fn commits() {
        for ok in [
            "a".repeat(40),
            "0".repeat(64),
            "4f2c9e1".into(),
            "A".repeat(40),
        ] {
            assert!(validate_commit(&ok).is_ok(), "{ok}");
        }
        for bad in [
            "a".repeat(6),
            "g".repeat(40),
            "a".repeat(65),
            "4f2c 9e1".into(),
            String::new(),
        ] {
            assert!(matches!(
                validate_commit(&bad),
                Err(ContractError::InvalidCommit)
            ));
        }
    }

    fn artifact(digest: char) -> Artifact {
        Artifact {
            name: "berty.apk".into(),
            platform: "android".into(),
            digest: digest.to_string().repeat(64),
            uri: "ipfs://bafy".into(),
        }
    }

    #[test]
    fn artifacts() {
        assert!(validate_artifacts(&[artifact('a'), artifact('b')]).is_ok());
        assert!(matches!(
            validate_artifacts(&[]),
            Err(ContractError::ArtifactCount { len: 0, max: 32 })
        ));
        let many: Vec<Artifact> = (0..33)
            .map(|i| Artifact {
                digest: format!("{i:064x}"),
                ..artifact('a')
            })
            .collect();
        assert!(validate_artifacts(&many[..32]).is_ok());
        assert!(matches!(
            validate_artifacts(&many),
            Err(ContractError::ArtifactCount { len: 33, max: 32 })
        ));
        assert!(matches!(
            validate_artifacts(&[artifact('a'), artifact('b'), artifact('a')]),
            Err(ContractError::DuplicateArtifact { digest }) if digest == "a".repeat(64)
        ));
        let bad_platform = Artifact {
            platform: String::new(),
            ..artifact('a')
        };
        assert!(validate_artifacts(&[bad_platform]).is_err());
        let bad_uri = Artifact {
            uri: "http://x".into(),
            ..artifact('a')
        };
        assert!(validate_artifacts(&[bad_uri]).is_err());
    }

    #[test]
    fn build_info() {
        let build = BuildInfo {
            builder: "github-actions".into(),
            provenance_uri: Some("https://example.org/prov.json".into()),
            provenance_digest: Some("c".repeat(64)),
        };
        assert!(validate_build(&build).is_ok());
        assert!(validate_build(&BuildInfo {
            provenance_digest: Some("C".repeat(64)),
            ..build.clone()
        })
        .is_err());
        assert!(validate_build(&BuildInfo {
            builder: "x".repeat(65),
            ..build
        })
        .is_err());
    }

    proptest! {
        #[test]
        fn generated_versions_are_semver(
            major in 0u64..100_000, minor in 0u64..1000, patch in 0u64..1000,
            pre in proptest::option::of("[a-z][a-z0-9-]{0,8}(\\.[1-9][0-9]{0,3})?"),
            build in proptest::option::of("[0-9A-Za-z-]{1,8}"),
        ) {
            let mut version = format!("{major}.{minor}.{patch}");
            if let Some(pre) = pre { version = format!("{version}-{pre}"); }
            if let Some(build) = build { version = format!("{version}+{build}"); }
            prop_assert!(is_semver(&version), "{}", version);
        }

        #[test]
        fn semver_never_panics(s in ".{0,80}") {
            let _ = is_semver(&s);
        }
    }
}
