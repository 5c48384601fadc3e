use berty_audit_registry::ContractError;
use berty_interface::audit_registry::RulingMsg;
use berty_interface::audit_registry::{
    ChallengeStatus, ExecuteMsg, QueryMsg, ReportEventData, ReportEventKind, ReportStatus,
};
use berty_interface::Role;
use berty_testing::assert_error;
use berty_testing::registry::{
    attribute, release_id, RegistrySuite, APPEAL_WINDOW, CHALLENGE_BOND, DENOM, MIN_BOND,
    UNBONDING_PERIOD,
};
use cosmwasm_std::{coin, Addr, Decimal, Uint128};
use cw_utils::PaymentError;

struct Dispute {
    suite: RegistrySuite,
    sam: Addr,
    cleo: Addr,
    rc: String,
    id: u64,
}

/// sam bonded 2 × min_bond and reported `go` on rc1; cleo challenged it.
fn disputed(builder: berty_testing::registry::RegistrySuiteBuilder) -> Dispute {
    let mut suite = builder.build();
    let (sam, cleo) = (suite.addr("sam"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    suite.bond(&sam, 2 * MIN_BOND).unwrap();
    suite.submit_report(&sam, &rc, ReportStatus::Go).unwrap();
    let id = suite.challenge(&cleo, &sam, &rc).unwrap();
    Dispute {
        suite,
        sam,
        cleo,
        rc,
        id,
    }
}

fn status(suite: &RegistrySuite, id: u64) -> ChallengeStatus {
    suite.challenge_info(id).status
}

#[test]
fn a_challenge_opens_with_its_bond_and_locks_claims() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        rc,
        id,
    } = disputed(RegistrySuite::staked());
    assert_eq!(id, 1);
    let challenge = suite.challenge_info(id);
    assert_eq!(
        (challenge.challenger, challenge.auditor.clone()),
        (cleo.clone(), sam.clone())
    );
    assert_eq!(
        (challenge.release_id, challenge.bond),
        (rc.clone(), Uint128::new(CHALLENGE_BOND))
    );
    assert_eq!(challenge.status, ChallengeStatus::Open);
    assert!(!challenge.executable);
    assert_eq!(suite.registry_balance(), 2 * MIN_BOND + CHALLENGE_BOND);
    assert!(suite.stake(&sam).locked);
    suite.unbond(&sam, 10).unwrap();
    suite.advance(UNBONDING_PERIOD);
    assert_error(
        suite.claim(&sam).unwrap_err(),
        ContractError::ClaimsLocked {
            auditor: sam.clone(),
            open: 1,
        },
    );
    // the next id follows
    let second = suite.challenge(&cleo, &sam, &rc).unwrap();
    assert_eq!(second, 2);
}

#[test]
fn a_dismissed_challenge_forfeits_its_bond() {
    let Dispute {
        mut suite, sam, id, ..
    } = disputed(RegistrySuite::staked());
    let res = suite.resolve(id, false, None).unwrap();
    assert_eq!(attribute(&res, "status").as_deref(), Some("dismissed"));
    assert_eq!(attribute(&res, "challenge_id").as_deref(), Some("1"));
    assert_eq!(
        suite.balance(&suite.slash_recipient.clone()),
        CHALLENGE_BOND
    );
    assert_eq!(suite.registry_balance(), 2 * MIN_BOND);
    assert_eq!(status(&suite, id), ChallengeStatus::Dismissed);
    assert!(!suite.stake(&sam).locked);
    assert_error(
        suite.execute_slash(&sam, id).unwrap_err(),
        ContractError::NotUpheld {
            challenge_id: id,
            status: ChallengeStatus::Dismissed,
        },
    );
}

#[test]
fn an_upheld_challenge_slashes_after_the_window_with_exact_payouts() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        rc,
        id,
    } = disputed(RegistrySuite::staked());
    // 2000 bonded: unbond 501 (matures) and 3, bonded 1496
    suite.unbond(&sam, 501).unwrap();
    suite.advance(UNBONDING_PERIOD);
    suite.unbond(&sam, 3).unwrap();
    let resolved = suite.now();
    suite.resolve(id, true, Some(Decimal::percent(50))).unwrap();
    let challenge = suite.challenge_info(id);
    assert_eq!(challenge.status, ChallengeStatus::Upheld);
    assert_eq!(challenge.slash_ratio, Some(Decimal::percent(50)));
    assert_eq!(challenge.resolved_at, Some(resolved));
    assert_eq!(
        challenge.appeal_deadline,
        Some(resolved.plus_seconds(APPEAL_WINDOW))
    );
    assert!(!challenge.executable);
    suite.advance(APPEAL_WINDOW - 1);
    let anyone = suite.addr("anyone");
    assert_error(
        suite.execute_slash(&anyone, id).unwrap_err(),
        ContractError::SlashNotFinal {
            challenge_id: id,
            final_at: resolved.plus_seconds(APPEAL_WINDOW),
        },
    );
    assert_error(
        suite.claim(&sam).unwrap_err(),
        ContractError::ClaimsLocked {
            auditor: sam.clone(),
            open: 1,
        },
    );
    suite.advance(1);
    assert!(suite.challenge_info(id).executable);
    let before = suite.registry_balance();
    let res = suite.execute_slash(&anyone, id).unwrap();
    // 748 + 250 + 1, each rounded down
    let taken = 748 + 250 + 1;
    let reward = taken / 10;
    assert_eq!(attribute(&res, "amount"), Some(taken.to_string()));
    assert_eq!(attribute(&res, "status").as_deref(), Some("slashed"));
    assert_eq!(suite.balance(&cleo), reward + CHALLENGE_BOND);
    assert_eq!(
        suite.balance(&suite.slash_recipient.clone()),
        taken - reward
    );
    assert_eq!(before - suite.registry_balance(), taken + CHALLENGE_BOND);
    let stake = suite.stake(&sam);
    assert_eq!(stake.bonded, Uint128::new(748));
    let claims: Vec<u128> = stake.unbonding.iter().map(|c| c.amount.u128()).collect();
    assert_eq!(claims, vec![251, 2]);
    assert!(!stake.locked);
    // below min_bond: the role is gone, the report no longer counts
    assert_eq!(suite.role(&sam), None);
    assert!(!suite.gate(&rc).passed);
    // the reports log holds the slash
    let log = suite.report_log(&rc, None, None);
    let last = &log.events.last().unwrap().event;
    assert_eq!(
        (last.kind, &last.actor),
        (ReportEventKind::Slashed, &anyone)
    );
    assert_eq!(
        last.data,
        ReportEventData::Slashed {
            auditor: sam.clone(),
            challenge_id: id,
            slash_ratio: Decimal::percent(50),
            amount: Uint128::new(taken),
            voided_report: Some(challenge_info_report_seq(&suite, id)),
        }
    );
    let challenge = suite.challenge_info(id);
    assert_eq!(
        (
            challenge.status,
            challenge.slashed_amount,
            challenge.executable
        ),
        (ChallengeStatus::Slashed, Some(Uint128::new(taken)), false)
    );
    assert_error(
        suite.execute_slash(&anyone, id).unwrap_err(),
        ContractError::AlreadySlashed { challenge_id: id },
    );
    // the matured remainder can be claimed now
    suite.claim(&sam).unwrap();
    assert_eq!(suite.balance(&sam), 251);
}

#[test]
fn an_appeal_upheld_by_the_court_is_final_at_its_ratio() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        id,
        ..
    } = disputed(RegistrySuite::staked().with_challenger_reward(Decimal::one()));
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    suite.appeal(&sam, id).unwrap();
    let challenge = suite.challenge_info(id);
    assert_eq!(challenge.status, ChallengeStatus::Appealed);
    assert_eq!(challenge.appeal_bond, Some(Uint128::new(CHALLENGE_BOND)));
    assert_eq!(suite.registry_balance(), 2 * MIN_BOND + 2 * CHALLENGE_BOND);
    // past the window the appeal still waits for the court
    suite.advance(APPEAL_WINDOW);
    assert_error(
        suite.execute_slash(&cleo, id).unwrap_err(),
        ContractError::NotUpheld {
            challenge_id: id,
            status: ChallengeStatus::Appealed,
        },
    );
    suite.rule(id, true, Some(Decimal::one())).unwrap();
    assert_eq!(
        suite.balance(&suite.slash_recipient.clone()),
        CHALLENGE_BOND
    );
    let challenge = suite.challenge_info(id);
    assert_eq!(
        (challenge.status, challenge.executable),
        (ChallengeStatus::Upheld, true)
    );
    assert_eq!(challenge.slash_ratio, Some(Decimal::one()));
    assert_error(
        suite.appeal(&sam, id).unwrap_err(),
        ContractError::AlreadyAppealed { challenge_id: id },
    );
    suite.execute_slash(&cleo, id).unwrap();
    // the whole reward goes to the challenger, nothing (no zero transfer) to the recipient
    assert_eq!(suite.balance(&cleo), 2 * MIN_BOND + CHALLENGE_BOND);
    assert_eq!(
        suite.balance(&suite.slash_recipient.clone()),
        CHALLENGE_BOND
    );
    assert_eq!(suite.registry_balance(), 0);
    assert_eq!(suite.role(&sam), None);
}

#[test]
fn an_overturned_challenge_returns_the_appeal_bond() {
    let Dispute {
        mut suite, sam, id, ..
    } = disputed(RegistrySuite::staked());
    suite.resolve(id, true, Some(Decimal::percent(10))).unwrap();
    suite.appeal(&sam, id).unwrap();
    let res = suite.rule(id, false, None).unwrap();
    assert_eq!(attribute(&res, "status").as_deref(), Some("overturned"));
    assert_eq!(suite.balance(&sam), CHALLENGE_BOND);
    assert_eq!(
        suite.balance(&suite.slash_recipient.clone()),
        CHALLENGE_BOND
    );
    assert_eq!(suite.registry_balance(), 2 * MIN_BOND);
    assert!(!suite.stake(&sam).locked);
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
    assert_error(
        suite.execute_slash(&sam, id).unwrap_err(),
        ContractError::NotUpheld {
            challenge_id: id,
            status: ChallengeStatus::Overturned,
        },
    );
}

#[test]
fn challenge_errors() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        rc,
        ..
    } = disputed(RegistrySuite::staked());
    let msg = RegistrySuite::challenge_msg(&sam, &rc);
    suite.fund(&cleo, 1000);
    assert_error(
        suite.execute_err(&cleo, &msg, &[coin(CHALLENGE_BOND - 1, DENOM)]),
        ContractError::WrongBondAmount {
            expected: Uint128::new(CHALLENGE_BOND),
            got: Uint128::new(CHALLENGE_BOND - 1),
        },
    );
    assert_error(
        suite.execute_err(&cleo, &msg, &[]),
        PaymentError::NoFunds {},
    );
    suite.fund(&sam, CHALLENGE_BOND);
    assert_error(
        suite.execute_err(&sam, &msg, &[coin(CHALLENGE_BOND, DENOM)]),
        ContractError::SelfChallenge {
            auditor: sam.clone(),
        },
    );
    let other = suite.candidate("rc2");
    assert_error(
        suite.challenge(&cleo, &sam, &other).unwrap_err(),
        ContractError::ReportNotFound {
            release_id: other.clone(),
            auditor: sam.clone(),
        },
    );
    let unknown = release_id("unknown");
    assert_error(
        suite.challenge(&cleo, &sam, &unknown).unwrap_err(),
        ContractError::UnknownRelease {
            release_id: unknown,
        },
    );
    // an auditor that left with everything has nothing to slash
    let mut suite = RegistrySuite::staked().build();
    let (ann, cleo) = (suite.addr("ann"), suite.addr("cleo"));
    let rc = suite.bonded_report(&ann, ReportStatus::Go);
    suite.unbond(&ann, MIN_BOND).unwrap();
    suite.advance(UNBONDING_PERIOD);
    suite.claim(&ann).unwrap();
    assert_error(
        suite.challenge(&cleo, &ann, &rc).unwrap_err(),
        ContractError::NothingStaked { auditor: ann },
    );
    let err = suite.execute_err(&cleo, &RegistrySuite::challenge_msg(&cleo, "xyz"), &[]);
    assert!(err.contains("release_id must be a sha256 digest"), "{err}");
}

#[test]
fn disputes_need_staking_and_their_config() {
    for builder in [
        RegistrySuite::whitelist(),
        RegistrySuite::staked().without_disputes(),
    ] {
        let mut suite = builder.build();
        let (cleo, sam) = (suite.addr("cleo"), suite.addr("sam"));
        let rc = suite.candidate("rc1");
        let expected = if suite.config().staking.is_some() {
            ContractError::DisputesDisabled
        } else {
            ContractError::NotStakedMode
        };
        assert_error(suite.challenge(&cleo, &sam, &rc).unwrap_err(), &expected);
        assert_error(suite.resolve(1, false, None).unwrap_err(), &expected);
        assert_error(suite.execute_slash(&sam, 1).unwrap_err(), &expected);
        // who may appeal or rule is decided first: the challenge's auditor (none: the
        // challenge is unknown), the court (none configured)
        assert_error(
            suite.appeal(&sam, 1).unwrap_err(),
            ContractError::Unauthorized {
                sender: sam.clone(),
                required: "the challenged auditor",
            },
        );
        let court = suite.addr("court");
        assert_error(
            suite.rule(1, false, None).unwrap_err(),
            ContractError::Unauthorized {
                sender: court,
                required: "the court of the appeal",
            },
        );
    }
}

#[test]
fn resolve_errors() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        id,
        ..
    } = disputed(RegistrySuite::staked());
    let msg = ExecuteMsg::ResolveChallenge(RulingMsg {
        challenge_id: id,
        uphold: false,
        slash_ratio: None,
    });
    crate::events::assert_governance_only_and_unpaid(&mut suite, &cleo, &msg);
    assert_error(
        suite.resolve(99, false, None).unwrap_err(),
        ContractError::ChallengeNotFound { challenge_id: 99 },
    );
    assert_error(
        suite.resolve(id, true, None).unwrap_err(),
        ContractError::MissingSlashRatio,
    );
    for ratio in [Decimal::zero(), Decimal::percent(101)] {
        assert_error(
            suite.resolve(id, true, Some(ratio)).unwrap_err(),
            ContractError::InvalidSlashRatio { ratio },
        );
    }
    assert_error(
        suite.appeal(&sam, id).unwrap_err(),
        ContractError::NotAppealable {
            challenge_id: id,
            status: ChallengeStatus::Open,
        },
    );
    assert_error(
        suite.execute_slash(&sam, id).unwrap_err(),
        ContractError::NotUpheld {
            challenge_id: id,
            status: ChallengeStatus::Open,
        },
    );
    suite.resolve(id, true, Some(Decimal::one())).unwrap();
    assert_error(
        suite.resolve(id, false, None).unwrap_err(),
        ContractError::ChallengeNotOpen {
            challenge_id: id,
            status: ChallengeStatus::Upheld,
        },
    );
}

#[test]
fn appeal_and_rule_errors() {
    let Dispute {
        mut suite,
        sam,
        cleo,
        id,
        ..
    } = disputed(RegistrySuite::staked());
    suite.resolve(id, true, Some(Decimal::percent(20))).unwrap();
    assert_error(
        suite.appeal(&cleo, id).unwrap_err(),
        ContractError::Unauthorized {
            sender: cleo.clone(),
            required: "the challenged auditor",
        },
    );
    assert_error(
        suite.rule(id, true, Some(Decimal::one())).unwrap_err(),
        ContractError::NotAppealed {
            challenge_id: id,
            status: ChallengeStatus::Upheld,
        },
    );
    let rule = ExecuteMsg::Rule(RulingMsg {
        challenge_id: id,
        uphold: false,
        slash_ratio: None,
    });
    assert_error(
        suite.execute_err(&sam, &rule, &[]),
        ContractError::Unauthorized {
            sender: sam.clone(),
            required: "the court",
        },
    );
    suite.fund(&sam, 2 * CHALLENGE_BOND);
    let appeal = ExecuteMsg::Appeal { challenge_id: id };
    assert_error(
        suite.execute_err(&sam, &appeal, &[coin(2 * CHALLENGE_BOND, DENOM)]),
        ContractError::WrongBondAmount {
            expected: Uint128::new(CHALLENGE_BOND),
            got: Uint128::new(2 * CHALLENGE_BOND),
        },
    );
    // an unknown challenge has no auditor: nobody may appeal it
    assert_error(
        suite.appeal(&sam, 7).unwrap_err(),
        ContractError::Unauthorized {
            sender: sam.clone(),
            required: "the challenged auditor",
        },
    );
    suite.appeal(&sam, id).unwrap();
    assert_error(
        suite.appeal(&sam, id).unwrap_err(),
        ContractError::AlreadyAppealed { challenge_id: id },
    );
    let court = suite.court.clone();
    suite.fund(&court, 1);
    assert_error(
        suite.execute_err(&court, &rule, &[coin(1, DENOM)]),
        PaymentError::NonPayable {},
    );
    assert_error(
        suite.rule(id, true, None).unwrap_err(),
        ContractError::MissingSlashRatio,
    );
    suite.rule(id, false, None).unwrap();
    assert_error(
        suite.rule(id, false, None).unwrap_err(),
        ContractError::NotAppealed {
            challenge_id: id,
            status: ChallengeStatus::Overturned,
        },
    );
}

#[test]
fn the_appeal_window_closes() {
    let Dispute {
        mut suite, sam, id, ..
    } = disputed(RegistrySuite::staked());
    suite.resolve(id, true, Some(Decimal::percent(20))).unwrap();
    let deadline = suite.now().plus_seconds(APPEAL_WINDOW);
    suite.advance(APPEAL_WINDOW);
    assert_error(
        suite.appeal(&sam, id).unwrap_err(),
        ContractError::AppealWindowClosed {
            challenge_id: id,
            deadline,
        },
    );
}

#[test]
fn without_a_court_a_resolution_is_final_after_the_window() {
    let Dispute {
        mut suite, sam, id, ..
    } = disputed(RegistrySuite::staked().without_court());
    suite.resolve(id, true, Some(Decimal::percent(20))).unwrap();
    assert_error(suite.appeal(&sam, id).unwrap_err(), ContractError::NoCourt);
    suite.advance(APPEAL_WINDOW);
    suite.execute_slash(&sam, id).unwrap();
    assert_eq!(suite.stake(&sam).bonded, Uint128::new(1600));
    assert_eq!(suite.role(&sam), Some(Role::Auditor));
}

#[test]
fn challenges_are_listed_by_auditor_and_status() {
    let mut suite = RegistrySuite::staked().build();
    let (sam, ann, cleo) = (suite.addr("sam"), suite.addr("ann"), suite.addr("cleo"));
    let rc = suite.candidate("rc1");
    for auditor in [&sam, &ann] {
        suite.bond(auditor, MIN_BOND).unwrap();
        suite.submit_report(auditor, &rc, ReportStatus::Go).unwrap();
    }
    let ids: Vec<u64> = [&sam, &ann, &sam]
        .into_iter()
        .map(|a| suite.challenge(&cleo, a, &rc).unwrap())
        .collect();
    assert_eq!(ids, vec![1, 2, 3]);
    suite.resolve(3, false, None).unwrap();
    let ids_of = |r: berty_interface::audit_registry::ChallengesResponse| {
        r.challenges
            .iter()
            .map(|c| c.challenge_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids_of(suite.challenges(None, None, None, None)),
        vec![1, 2, 3]
    );
    assert_eq!(
        ids_of(suite.challenges(None, None, Some(1), Some(1))),
        vec![2]
    );
    assert_eq!(
        ids_of(suite.challenges(Some(&sam), None, None, None)),
        vec![1, 3]
    );
    assert_eq!(
        ids_of(suite.challenges(Some(&sam), None, Some(1), None)),
        vec![3]
    );
    assert_eq!(
        ids_of(suite.challenges(None, Some(ChallengeStatus::Open), None, None)),
        vec![1, 2]
    );
    assert_eq!(
        ids_of(suite.challenges(Some(&sam), Some(ChallengeStatus::Open), None, None)),
        vec![1]
    );
    assert_eq!(
        ids_of(suite.challenges(Some(&sam), Some(ChallengeStatus::Dismissed), None, None)),
        vec![3]
    );
    assert!(suite
        .challenges(Some(&ann), Some(ChallengeStatus::Slashed), None, None)
        .challenges
        .is_empty());
    let err = suite.query_err(&QueryMsg::Challenge { challenge_id: 9 });
    assert_error(err, ContractError::ChallengeNotFound { challenge_id: 9 });
    // challenge 1 is still pending: sam stays locked until it is settled
    assert!(suite.stake(&sam).locked);
    suite.resolve(1, false, None).unwrap();
    assert!(!suite.stake(&sam).locked);
}

fn challenge_info_report_seq(suite: &RegistrySuite, id: u64) -> u64 {
    suite.challenge_info(id).report_seq
}
