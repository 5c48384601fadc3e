//! Storage gas of each message under the Cosmos SDK's KV gas table, called directly with
//! membership and release faked by their raw storage: a report reads its peers raw (no
//! contract call) and costs the same however many auditors, reports and releases exist;
//! the gate reads per auditor role holder its newest report (and its stake if it reported),
//! plus one step over each staked auditor of now, whoever reported before.

use berty_interface::audit_registry::ChallengeReportMsg;
use berty_interface::audit_registry::RulingMsg;
use std::cell::RefCell;
use std::rc::Rc;

use berty_audit_registry::contract::{execute, instantiate, query};
use berty_interface::audit_registry::{
    AuditGateResponse, DisputesMsg, ExecuteMsg, InstantiateMsg, QueryMsg, ReportStatus,
};
use berty_interface::keys::{MemberRecord, MEMBERS, RELEASE_STATUS};
use berty_interface::release::ReleaseStatus;
use berty_interface::Role;
use berty_testing::gas::{metered_deps, FakePeers, MeteredDeps};
use berty_testing::registry::{
    release_id, staking_config, RegistrySuite, APPEAL_WINDOW, CHALLENGE_BOND, DENOM, MIN_BOND,
    UNBONDING_PERIOD,
};
use cosmwasm_std::testing::{message_info, mock_env};
use cosmwasm_std::{coin, from_json, to_json_vec, Addr, Coin, Decimal, Env, Uint128};

struct Bench {
    deps: MeteredDeps,
    peers: Rc<RefCell<FakePeers>>,
    env: Env,
    membership: Addr,
    release: Addr,
}

impl Bench {
    /// A staked registry with `auditors` bonded auditors, each of which reported on
    /// `releases` candidates.
    fn new(auditors: usize, releases: usize) -> Self {
        let (mut deps, peers) = metered_deps();
        let env = mock_env();
        let membership = deps.api.addr_make("membership");
        let release = deps.api.addr_make("release");
        let deployer = deps.api.addr_make("deployer");
        let msg = InstantiateMsg {
            membership: membership.to_string(),
            release: release.to_string(),
            governance: deps.api.addr_make("governance").to_string(),
            staking: Some(staking_config()),
            disputes: Some(DisputesMsg {
                challenge_bond: Uint128::new(CHALLENGE_BOND),
                appeal_window: APPEAL_WINDOW,
                court: None,
                slash_recipient: deps.api.addr_make("treasury").to_string(),
                challenger_reward: Decimal::percent(10),
            }),
        };
        instantiate(
            deps.as_mut(),
            env.clone(),
            message_info(&deployer, &[]),
            msg,
        )
        .unwrap();
        let mut bench = Bench {
            deps,
            peers,
            env,
            membership,
            release,
        };
        for r in 0..releases.max(2) {
            bench.open_release(&release_id(&format!("rc{r}")));
        }
        for a in 0..auditors {
            let auditor = bench.auditor(&format!("auditor{a}"));
            for r in 0..releases {
                bench.run(&auditor, report(&release_id(&format!("rc{r}"))), &[]);
            }
        }
        bench
    }

    fn open_release(&mut self, id: &str) {
        let status = to_json_vec(&ReleaseStatus::Auditing).unwrap();
        self.peers
            .borrow_mut()
            .set(self.release.as_str(), &RELEASE_STATUS.key(id), status);
    }

    /// An address with the auditor role in membership and `min_bond` bonded.
    fn auditor(&mut self, name: &str) -> Addr {
        let addr = self.with_role(name);
        self.run(&addr, ExecuteMsg::Bond {}, &[coin(MIN_BOND, DENOM)]);
        addr
    }

    /// An address with the auditor role in membership, nothing bonded.
    fn with_role(&mut self, name: &str) -> Addr {
        let addr = self.deps.api.addr_make(name);
        let record = MemberRecord {
            role: Role::Auditor,
            since: 1,
        };
        let mut peers = self.peers.borrow_mut();
        peers.set(
            self.membership.as_str(),
            &MEMBERS.key(&addr),
            to_json_vec(&record).unwrap(),
        );
        peers
            .role_holders
            .entry(Role::Auditor)
            .or_default()
            .insert(addr.to_string());
        addr
    }

    fn run(&mut self, sender: &Addr, msg: ExecuteMsg, funds: &[Coin]) {
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, funds),
            msg,
        )
        .unwrap();
    }

    /// (storage gas, raw peer reads, smart queries) of one message.
    fn measure(&mut self, sender: &Addr, msg: ExecuteMsg, funds: &[Coin]) -> (u64, u64, u64) {
        self.deps.storage.reset();
        {
            let mut peers = self.peers.borrow_mut();
            peers.raw_reads = 0;
            peers.smart_queries = 0;
        }
        self.run(sender, msg, funds);
        let peers = self.peers.borrow();
        (
            self.deps.storage.gas.get(),
            peers.raw_reads,
            peers.smart_queries,
        )
    }

    /// What the registrar's revoke does in membership: the address holds no role.
    fn revoke_role(&mut self, addr: &Addr) {
        let mut peers = self.peers.borrow_mut();
        peers.remove(self.membership.as_str(), &MEMBERS.key(addr));
        if let Some(holders) = peers.role_holders.get_mut(&Role::Auditor) {
            holders.remove(addr.as_str());
        }
    }

    /// (storage gas, storage reads) of the audit gate of `id`, and its answer.
    fn gate(&mut self, id: &str) -> (u64, u64, AuditGateResponse) {
        self.deps.storage.reset();
        let msg = QueryMsg::AuditGate {
            release_id: id.to_string(),
        };
        let answer = query(self.deps.as_ref(), self.env.clone(), msg).unwrap();
        (
            self.deps.storage.gas.get(),
            self.deps.storage.reads.get(),
            from_json(answer).unwrap(),
        )
    }
}

fn report(id: &str) -> ExecuteMsg {
    RegistrySuite::report_msg(id, ReportStatus::Go, None)
}

/// (message, storage gas, raw peer reads) with the given population in place.
fn measure(auditors: usize, releases: usize) -> Vec<(&'static str, u64, u64)> {
    let mut bench = Bench::new(auditors, releases);
    let rc = release_id("rc1");
    let fresh = bench.with_role("fresh");
    let challenger = bench.deps.api.addr_make("challenger");
    let governance = bench.deps.api.addr_make("governance");
    let bond = [coin(CHALLENGE_BOND, DENOM)];
    let mut rows = vec![];
    let mut row = |name, (gas, raw, smart): (u64, u64, u64)| {
        assert_eq!(smart, 0, "{name} called into a peer");
        rows.push((name, gas, raw));
    };
    // the first bond of a role holder: what a bond that grants the role stores too
    let min_bond = [coin(MIN_BOND, DENOM)];
    row(
        "bond (first, auditor)",
        bench.measure(&fresh, ExecuteMsg::Bond {}, &min_bond),
    );
    row(
        "submit_report (first)",
        bench.measure(&fresh, report(&rc), &[]),
    );
    row(
        "submit_report (replacing)",
        bench.measure(&fresh, report(&rc), &[]),
    );
    let top_up = [coin(10, DENOM)];
    row(
        "bond (top-up)",
        bench.measure(&fresh, ExecuteMsg::Bond {}, &top_up),
    );
    let unbond = ExecuteMsg::Unbond {
        amount: Uint128::new(10),
    };
    row("unbond", bench.measure(&fresh, unbond, &[]));
    bench.env.block.time = bench.env.block.time.plus_seconds(UNBONDING_PERIOD);
    row("claim", bench.measure(&fresh, ExecuteMsg::Claim {}, &[]));
    let challenge = ExecuteMsg::ChallengeReport(ChallengeReportMsg {
        auditor: fresh.to_string(),
        release_id: rc.clone(),
        evidence_uri: "ipfs://evidence".into(),
    });
    row("challenge", bench.measure(&challenger, challenge, &bond));
    let resolve = ExecuteMsg::ResolveChallenge(RulingMsg {
        challenge_id: 1,
        uphold: true,
        slash_ratio: Some(Decimal::percent(50)),
    });
    row(
        "resolve_challenge",
        bench.measure(&governance, resolve, &[]),
    );
    bench.env.block.time = bench.env.block.time.plus_seconds(APPEAL_WINDOW);
    let slash = ExecuteMsg::ExecuteSlash { challenge_id: 1 };
    row("execute_slash", bench.measure(&challenger, slash, &[]));
    rows
}

#[test]
fn report_gas_does_not_grow_with_auditors_reports_or_releases() {
    // both with two-digit counters (log lengths, seqs), whose digits are stored
    let few = measure(10, 2);
    let many = measure(90, 20);
    for ((name, small, raw), (_, large, raw_many)) in few.iter().zip(&many) {
        println!("{name:28} {small:>7} SDK storage gas, {raw} raw peer reads (10 auditors x 2 releases); {large:>7} (90 x 20)");
        assert_eq!(raw, raw_many, "{name}");
        assert!(large.abs_diff(*small) <= 100, "{name}: {small} vs {large}");
    }
    let report = few.iter().find(|r| r.0 == "submit_report (first)").unwrap();
    // membership's record and key, the release's status
    assert_eq!(report.2, 3);
}

/// Issue 11, case 3: fresh addresses bond, report, unbond, claim and move their funds on,
/// a thousand times. Before, each left an entry the gate iterated for ever (also in
/// `submit_for_vote` and `finalize`); now the gate iterates the role holders and staked
/// auditors of now, and one that claimed everything holds no stake, so is neither.
#[test]
fn a_thousand_ex_auditors_cost_the_gate_nothing() {
    let mut bench = Bench::new(3, 1);
    let rc = release_id("rc0");
    let (gas_before, reads_before, before) = bench.gate(&rc);
    assert!(before.passed);
    for cycle in 0..1000 {
        let drifter = bench.auditor(&format!("drifter{cycle}"));
        bench.run(&drifter, report(&rc), &[]);
        let all = ExecuteMsg::Unbond {
            amount: Uint128::new(MIN_BOND),
        };
        bench.run(&drifter, all, &[]);
        bench.revoke_role(&drifter);
        bench.env.block.time = bench.env.block.time.plus_seconds(UNBONDING_PERIOD);
        bench.run(&drifter, ExecuteMsg::Claim {}, &[]);
    }
    let (gas_after, reads_after, after) = bench.gate(&rc);
    println!("audit_gate with 3 auditors: {gas_before} SDK storage gas, {reads_before} reads; after 1,000 ex-auditors: {gas_after}, {reads_after}");
    assert_eq!(reads_after, reads_before);
    // the same reads; only the reports log head's length has more digits
    assert!(
        gas_after.abs_diff(gas_before) * 100 <= gas_before,
        "{gas_before} vs {gas_after}"
    );
    assert_eq!(
        after,
        AuditGateResponse {
            reports_log: after.reports_log.clone(),
            ..before
        }
    );
    assert_eq!(after.reports_log.length, 3 + 1000);
}

#[test]
fn the_gate_reads_one_entry_per_auditor_of_now() {
    let mut few = Bench::new(3, 1);
    let mut more = Bench::new(13, 1);
    let rc = release_id("rc0");
    let ((_, reads_few, _), (_, reads_more, _)) = (few.gate(&rc), more.gate(&rc));
    // each auditor: its staked auditor entry, its newest report and its stake
    assert_eq!(reads_more - reads_few, 10 * 3);
    let quiet = release_id("rc1");
    let (_, reads_quiet, answer) = more.gate(&quiet);
    assert!(answer.positive.is_empty() && answer.not_counted.is_empty());
    // the staked auditors are walked whoever reported on this release: a step and a
    // missing report each, no stake
    assert_eq!(reads_more - reads_quiet, 13);
    println!("audit_gate reads: 3 auditors {reads_few}, 13 auditors {reads_more}, 13 auditors none of whom reported {reads_quiet}");
}

/// SPEC 4.2: an address that reported and lost the role but still holds a bond stays in
/// the gate's iteration, at the same three reads, and is listed in `not_counted`.
#[test]
fn a_bonded_address_without_the_role_costs_the_gate_what_an_auditor_does() {
    let mut bench = Bench::new(3, 1);
    let rc = release_id("rc0");
    let (_, reads_before, before) = bench.gate(&rc);
    assert_eq!(before.positive.len(), 3);
    let barred = before.positive[1].clone();
    bench.revoke_role(&barred);
    let (_, reads_after, after) = bench.gate(&rc);
    assert_eq!(reads_after, reads_before);
    assert_eq!(after.not_counted, vec![barred.clone()]);
    assert_eq!(after.positive.len(), 2);
    assert!(after.passed && !after.positive.contains(&barred));
}

/// Review of 8ceaa32: `bond {}` takes any positive amount, so fresh addresses bonding one
/// token each (below `min_bond`: no role, no report ever) must not make the gate (nor
/// `submit_for_vote` and `finalize`, which run it) walk them. They are no staked
/// auditors: the gate reads and costs exactly what it did before they bonded.
#[test]
fn fifty_dust_bonds_cost_the_gate_nothing() {
    let mut bench = Bench::new(3, 1);
    let rc = release_id("rc0");
    let quiet = release_id("rc1");
    let (gas_before, reads_before, before) = bench.gate(&rc);
    let (quiet_gas_before, quiet_reads_before, _) = bench.gate(&quiet);
    assert!(before.passed);
    for i in 0..50 {
        let dust = bench.deps.api.addr_make(&format!("dust{i}"));
        bench.run(&dust, ExecuteMsg::Bond {}, &[coin(1, DENOM)]);
    }
    let (gas_after, reads_after, after) = bench.gate(&rc);
    println!("audit_gate with 3 auditors: {gas_before} SDK storage gas, {reads_before} reads; after 50 bonds of 1: {gas_after}, {reads_after}");
    assert_eq!((gas_after, reads_after), (gas_before, reads_before));
    assert_eq!(after, before);
    assert_eq!(bench.gate(&quiet).0, quiet_gas_before);
    assert_eq!(bench.gate(&quiet).1, quiet_reads_before);
}
