//! Staked auditors: bonding grants the role through membership; a fake `no_go` is
//! challenged, upheld by governance and slashed, which revokes the role and unblocks.

use berty_interface::audit_registry::ReportStatus;
use berty_interface::council_vote::Vote;
use berty_interface::release::ReleaseStatus;
use berty_interface::Role;
use berty_testing::dao::{artifact, digest_of, Dao, APPEAL_WINDOW, CHALLENGE_BOND, MIN_BOND};
use cosmwasm_std::Decimal;

use crate::bundle::{check, export};

#[test]
fn staked_auditors_and_a_slash() {
    let mut dao = Dao::builder().auditors(0).staked().build();
    let id = digest_of("berty-4.0.0.tar.gz");
    dao.propose_release("ctr0", &id, "4.0.0").unwrap();
    for staker in ["staker0", "staker1"] {
        dao.bond(staker, MIN_BOND).unwrap();
        assert_eq!(dao.role(staker), Some(Role::Auditor));
        dao.register_pubkey(staker).unwrap();
    }
    dao.next_block();
    dao.report("staker0", &id, ReportStatus::Go).unwrap();
    dao.report("staker1", &id, ReportStatus::NoGo).unwrap();
    assert!(!dao.audit_gate(&id).passed);

    let challenge_id = dao.challenge("outsider", "staker1", &id).unwrap();
    let registry = dao.registry.clone();
    assert_eq!(dao.balance(&registry), 2 * MIN_BOND + CHALLENGE_BOND);
    dao.next_block();
    dao.resolve(challenge_id, true, Some(Decimal::percent(50)))
        .unwrap();
    dao.advance(APPEAL_WINDOW);
    dao.execute_slash("outsider", challenge_id).unwrap();
    let stake = dao.stake("staker1");
    assert_eq!(stake.bonded.u128(), MIN_BOND / 2);
    assert!(!stake.active);
    assert_eq!(
        dao.role("staker1"),
        None,
        "below min_bond: the role is revoked"
    );
    // exactly what was taken was paid out: half the slash (reward 50%) and the bond back
    // to the challenger, the rest to the treasury
    let (outsider, treasury) = (dao.addr("outsider"), dao.treasury.clone());
    assert_eq!(dao.balance(&outsider), MIN_BOND / 4 + CHALLENGE_BOND);
    assert_eq!(dao.balance(&treasury), MIN_BOND / 4);
    assert_eq!(dao.balance(&registry), MIN_BOND + MIN_BOND / 2);

    // the slashed auditor's no_go no longer counts
    assert!(dao.audit_gate(&id).passed);
    let proposal_id = dao.submit_for_vote("ctr1", &id).unwrap();
    dao.next_block();
    dao.vote_all(proposal_id, Vote::Yes).unwrap();
    dao.close(proposal_id).unwrap();
    dao.finalize("ctr1", &id, vec![artifact("berty-4.0.0.apk", "android")])
        .unwrap();
    assert_eq!(dao.release_info(&id).status, ReleaseStatus::Released);

    let bundle = export(&dao, &id);
    assert!(bundle
        .reports_log
        .iter()
        .any(|e| e.event.kind == berty_interface::audit_registry::ReportEventKind::Slashed));
    check(&bundle, &["berty-4.0.0.apk"]).expect("the bundle verifies");
}
