use berty_interface::release::AttestPublicationMsg;
use berty_interface::release::{
    ExecuteMsg, Publication, ReleaseEventData, ReleaseEventKind, ReleaseStatus, MAX_PUBLICATIONS,
};
use berty_interface::validate::ValidationError;
use berty_release::ContractError;
use berty_testing::assert_error;

use crate::suite::{attr, digest, rid, Suite};

#[test]
fn a_ctr_with_a_key_attests_a_publication() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let id = suite.released(1);
    suite.next_block();
    let res = suite
        .execute(&carol, &Suite::attest_msg(&id, "google-play", &digest('a')))
        .unwrap();
    assert_eq!(attr(&res, "action").unwrap(), "attest_publication");
    assert_eq!(attr(&res, "release_id").unwrap(), id);
    assert_eq!(attr(&res, "channel").unwrap(), "google-play");
    let release = suite.release(&id);
    assert_eq!(
        release.publications,
        vec![Publication {
            channel: "google-play".into(),
            artifact_digest: digest('a'),
            listing_uri: Some("https://play.google.com/store/apps/details?id=tech.berty".into()),
            publisher: carol.clone(),
            time: suite.app.block_info().time,
        }]
    );
    assert_eq!(release.status, ReleaseStatus::Released);
    let event = suite.assert_last_event(
        &id,
        ReleaseEventKind::Published,
        &carol,
        ReleaseEventData::Published {
            channel: "google-play".into(),
            artifact_digest: digest('a'),
            listing_uri: Some("https://play.google.com/store/apps/details?id=tech.berty".into()),
        },
    );
    assert_eq!(event.pubkey, Some(suite.carol_key.pubkey()));
    // the same artifact on another channel
    suite
        .execute(&carol, &Suite::attest_msg(&id, "f-droid", &digest('a')))
        .unwrap();
    assert_eq!(suite.release(&id).publications.len(), 2);
}

#[test]
fn needs_a_ctr_a_registered_key_and_a_finalized_artifact() {
    let mut suite = Suite::new();
    let (carol, dave, alice) = (suite.carol.clone(), suite.dave.clone(), suite.alice.clone());
    let (approved, _) = suite.approved(2);
    let id = suite.released(1);
    let attest = |digest: &str| Suite::attest_msg(&id, "app-store", digest);
    assert_error(
        suite.execute(&alice, &attest(&digest('a'))).unwrap_err(),
        ContractError::Unauthorized {
            sender: alice,
            required: "a core team representative",
        },
    );
    assert_error(
        suite.execute(&dave, &attest(&digest('a'))).unwrap_err(),
        ContractError::PubkeyNotRegistered { addr: dave },
    );
    assert_error(
        suite.execute(&carol, &attest(&digest('f'))).unwrap_err(),
        ContractError::UnknownArtifact {
            release_id: id.clone(),
            digest: digest('f'),
        },
    );
    assert_error(
        suite
            .execute(
                &carol,
                &Suite::attest_msg(&approved, "app-store", &digest('a')),
            )
            .unwrap_err(),
        ContractError::WrongStatus {
            release_id: approved,
            status: ReleaseStatus::Approved,
            action: "attest_publication",
            expected: "released",
        },
    );
    assert_error(
        suite
            .execute(
                &carol,
                &Suite::attest_msg(&rid(9), "app-store", &digest('a')),
            )
            .unwrap_err(),
        ContractError::ReleaseNotFound { release_id: rid(9) },
    );
    let bad = [
        (
            Suite::attest_msg(&id, "", &digest('a')),
            ValidationError::InvalidLabel {
                field: "channel",
                len: 0,
                max: 64,
            }
            .to_string(),
        ),
        (
            Suite::attest_msg(&id, "app-store", "A"),
            ValidationError::InvalidDigest {
                field: "artifact_digest",
            }
            .to_string(),
        ),
        (
            ExecuteMsg::AttestPublication(AttestPublicationMsg {
                release_id: id.clone(),
                channel: "app-store".into(),
                artifact_digest: digest('a'),
                listing_uri: Some("apps.apple.com".into()),
            }),
            ValidationError::InvalidUri {
                field: "listing_uri",
            }
            .to_string(),
        ),
    ];
    for (msg, expected) in bad {
        assert_error(suite.execute(&carol, &msg).unwrap_err(), expected);
    }
    assert!(suite.release(&id).publications.is_empty());
}

#[test]
fn one_attestation_per_channel_and_artifact_and_a_bounded_number() {
    let mut suite = Suite::new();
    let carol = suite.carol.clone();
    let id = suite.released(1);
    suite
        .execute(&carol, &Suite::attest_msg(&id, "ch-0", &digest('a')))
        .unwrap();
    assert_error(
        suite
            .execute(&carol, &Suite::attest_msg(&id, "ch-0", &digest('a')))
            .unwrap_err(),
        ContractError::AlreadyPublished {
            release_id: id.clone(),
            channel: "ch-0".into(),
            artifact_digest: digest('a'),
        },
    );
    for i in 1..MAX_PUBLICATIONS {
        suite
            .execute(
                &carol,
                &Suite::attest_msg(&id, &format!("ch-{i}"), &digest('a')),
            )
            .unwrap();
    }
    assert_error(
        suite
            .execute(&carol, &Suite::attest_msg(&id, "one-more", &digest('b')))
            .unwrap_err(),
        ContractError::TooManyPublications {
            release_id: id.clone(),
            max: MAX_PUBLICATIONS,
        },
    );
    assert_eq!(suite.release(&id).publications.len(), MAX_PUBLICATIONS);
}
