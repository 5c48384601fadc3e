//! Random sequences of bond, unbond, claim, challenge, resolve, appeal, rule and slash:
//! after every step the registry holds exactly bonded + unbonding + pending challenge
//! and appeal bonds, and every slash pays out exactly what it takes.

use berty_interface::audit_registry::{ChallengeStatus, ReportStatus};
use berty_testing::registry::{attribute, RegistrySuite, MIN_BOND};
use cosmwasm_std::{Addr, Decimal};
use proptest::prelude::*;

const AUDITORS: usize = 3;
const CHALLENGERS: usize = 2;

#[derive(Clone, Debug)]
enum Op {
    Bond(usize, u128),
    Unbond(usize, u128),
    Claim(usize),
    Advance(u64),
    Report(usize),
    Challenge(usize, usize),
    Resolve(usize, bool, u64),
    Appeal(usize),
    Rule(usize, bool, u64),
    Slash(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..AUDITORS;
    let pick = 0usize..8;
    // upholding more often than not, so that many sequences reach a slash
    let uphold = proptest::bool::weighted(0.8);
    prop_oneof![
        2 => (who.clone(), 1u128..2_500).prop_map(|(i, a)| Op::Bond(i, a)),
        2 => (who.clone(), 1u128..1_500).prop_map(|(i, a)| Op::Unbond(i, a)),
        1 => who.clone().prop_map(Op::Claim),
        3 => prop_oneof![0u64..100, 3_000u64..4_000, 80_000u64..100_000].prop_map(Op::Advance),
        1 => who.clone().prop_map(Op::Report),
        3 => (0..CHALLENGERS, who).prop_map(|(c, i)| Op::Challenge(c, i)),
        3 => (pick.clone(), uphold, 1u64..=100).prop_map(|(k, u, p)| Op::Resolve(k, u, p)),
        2 => pick.clone().prop_map(Op::Appeal),
        2 => (pick.clone(), uphold, 1u64..=100).prop_map(|(k, u, p)| Op::Rule(k, u, p)),
        3 => pick.prop_map(Op::Slash),
    ]
}

struct World {
    suite: RegistrySuite,
    auditors: Vec<Addr>,
    challengers: Vec<Addr>,
    rc: String,
    challenges: Vec<u64>,
}

impl World {
    fn new() -> Self {
        let mut suite = RegistrySuite::staked().build();
        let auditors: Vec<Addr> = (0..AUDITORS)
            .map(|i| suite.addr(&format!("auditor{i}")))
            .collect();
        let challengers = (0..CHALLENGERS)
            .map(|i| suite.addr(&format!("challenger{i}")))
            .collect();
        let rc = suite.candidate("rc");
        for auditor in &auditors {
            suite.bond(auditor, MIN_BOND).unwrap();
            suite.submit_report(auditor, &rc, ReportStatus::Go).unwrap();
        }
        World {
            suite,
            auditors,
            challengers,
            rc,
            challenges: vec![],
        }
    }

    fn challenge_id(&self, k: usize) -> Option<u64> {
        (!self.challenges.is_empty()).then(|| self.challenges[k % self.challenges.len()])
    }

    fn staked(&self, auditor: &Addr) -> u128 {
        let stake = self.suite.stake(auditor);
        stake.bonded.u128()
            + stake
                .unbonding
                .iter()
                .map(|c| c.amount.u128())
                .sum::<u128>()
    }

    /// bonded + unbonding + pending challenge bonds + appeal bonds awaiting the court.
    fn owed(&self) -> u128 {
        let stakes: u128 = self.auditors.iter().map(|a| self.staked(a)).sum();
        let bonds: u128 = self
            .suite
            .challenges(None, None, None, Some(100))
            .challenges
            .iter()
            .map(|c| {
                let pending = c.status.is_pending() as u128 * c.bond.u128();
                let appeal = (c.status == ChallengeStatus::Appealed) as u128
                    * c.appeal_bond.map_or(0, |b| b.u128());
                pending + appeal
            })
            .sum();
        stakes + bonds
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        let pct = |p: u64| Some(Decimal::percent(p));
        match *op {
            Op::Bond(i, amount) => {
                let _ = self.suite.bond(&self.auditors[i].clone(), amount);
            }
            Op::Unbond(i, amount) => {
                let _ = self.suite.unbond(&self.auditors[i].clone(), amount);
            }
            Op::Claim(i) => {
                let _ = self.suite.claim(&self.auditors[i].clone());
            }
            Op::Advance(seconds) => self.suite.advance(seconds),
            Op::Report(i) => {
                let (auditor, rc) = (self.auditors[i].clone(), self.rc.clone());
                let _ = self.suite.submit_report(&auditor, &rc, ReportStatus::NoGo);
            }
            Op::Challenge(c, i) => {
                let (challenger, auditor) = (self.challengers[c].clone(), self.auditors[i].clone());
                let rc = self.rc.clone();
                if let Ok(id) = self.suite.challenge(&challenger, &auditor, &rc) {
                    self.challenges.push(id);
                }
            }
            Op::Resolve(k, uphold, p) => {
                if let Some(id) = self.challenge_id(k) {
                    let _ = self
                        .suite
                        .resolve(id, uphold, uphold.then(|| pct(p)).flatten());
                }
            }
            Op::Appeal(k) => {
                if let Some(id) = self.challenge_id(k) {
                    let auditor = self.suite.challenge_info(id).auditor;
                    let _ = self.suite.appeal(&auditor, id);
                }
            }
            Op::Rule(k, uphold, p) => {
                if let Some(id) = self.challenge_id(k) {
                    let _ = self
                        .suite
                        .rule(id, uphold, uphold.then(|| pct(p)).flatten());
                }
            }
            Op::Slash(k) => {
                if let Some(id) = self.challenge_id(k) {
                    self.slash(id)?;
                }
            }
        }
        Ok(())
    }

    /// A slash moves exactly what it takes from the stake to the challenger and the
    /// recipient, plus the challenge bond back to the challenger.
    fn slash(&mut self, id: u64) -> Result<(), TestCaseError> {
        let challenge = self.suite.challenge_info(id);
        let recipient = self.suite.slash_recipient.clone();
        let staked_before = self.staked(&challenge.auditor);
        let challenger_before = self.suite.balance(&challenge.challenger);
        let recipient_before = self.suite.balance(&recipient);
        let sender = self.challengers[0].clone();
        let Ok(res) = self.suite.execute_slash(&sender, id) else {
            return Ok(());
        };
        let taken: u128 = attribute(&res, "amount").unwrap().parse().unwrap();
        prop_assert_eq!(staked_before - self.staked(&challenge.auditor), taken);
        let to_challenger = self.suite.balance(&challenge.challenger) - challenger_before;
        let to_recipient = self.suite.balance(&recipient) - recipient_before;
        prop_assert_eq!(to_challenger + to_recipient, taken + challenge.bond.u128());
        prop_assert_eq!(to_challenger, taken / 10 + challenge.bond.u128());
        prop_assert!(taken <= staked_before);
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_registry_holds_exactly_what_it_owes(ops in proptest::collection::vec(op(), 1..40)) {
        let mut world = World::new();
        prop_assert_eq!(world.suite.registry_balance(), world.owed());
        for op in &ops {
            world.apply(op)?;
            prop_assert_eq!(world.suite.registry_balance(), world.owed(), "after {:?}", op);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every case reaches a slash: random bond and claims, random ratios, with or
    /// without an appeal the court upholds.
    #[test]
    fn every_slash_pays_out_exactly_what_it_takes(
        bond in MIN_BOND..50_000,
        unbonds in proptest::collection::vec(1u128..400, 0..5),
        ratio in 1u64..=100,
        court_ratio in 1u64..=100,
        appeal in any::<bool>(),
        matured in any::<bool>(),
    ) {
        let mut world = World::new();
        let auditor = world.auditors[0].clone();
        world.suite.bond(&auditor, bond).unwrap();
        for amount in &unbonds {
            world.suite.unbond(&auditor, *amount).unwrap();
        }
        if matured {
            world.suite.advance(berty_testing::registry::UNBONDING_PERIOD);
        }
        let (challenger, rc) = (world.challengers[1].clone(), world.rc.clone());
        let id = world.suite.challenge(&challenger, &auditor, &rc).unwrap();
        world.suite.resolve(id, true, Some(Decimal::percent(ratio))).unwrap();
        if appeal {
            world.suite.appeal(&auditor, id).unwrap();
            prop_assert_eq!(world.suite.registry_balance(), world.owed());
            world.suite.rule(id, true, Some(Decimal::percent(court_ratio))).unwrap();
        } else {
            world.suite.advance(berty_testing::registry::APPEAL_WINDOW);
        }
        prop_assert_eq!(world.suite.registry_balance(), world.owed());
        let staked = world.staked(&auditor);
        world.slash(id)?;
        let expected = if appeal { court_ratio } else { ratio };
        let taken = staked - world.staked(&auditor);
        // each part rounds down: at most the exact share, short by less than one per part
        let exact = staked * u128::from(expected) / 100;
        prop_assert!(taken <= exact && taken + unbonds.len() as u128 + 1 >= exact);
        prop_assert_eq!(world.suite.challenge_info(id).status, ChallengeStatus::Slashed);
        prop_assert_eq!(world.suite.registry_balance(), world.owed());
    }
}
