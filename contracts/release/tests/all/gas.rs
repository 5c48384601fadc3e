//! Storage gas of each message under the Cosmos SDK's KV gas table, with peers faked
//! (membership and council-vote by their raw layout, the registry's `audit_gate`): it must
//! not grow with the number of releases, and each message makes the peer reads SPEC says.

use berty_interface::release::RecordCouncilDecisionMsg;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use berty_hashlog::LogHead;
use berty_interface::audit_registry::AuditGateResponse;
use berty_interface::council_vote::Rules;
use berty_interface::keys::{MemberRecord, MEMBERS, NEXT_PROPOSAL_ID_KEY, PUBKEYS};
use berty_interface::release::{ExecuteMsg, InstantiateMsg};
use berty_interface::Role;
use berty_release::contract::{execute, instantiate};
use berty_testing::gas::{metered_deps, MeteredDeps};
use cosmwasm_std::testing::{message_info, mock_env};
use cosmwasm_std::{
    to_json_binary, to_json_vec, Addr, ContractResult, Env, SystemResult, WasmQuery,
};

use crate::suite::{digest, rid, tally, Suite};

#[derive(Default)]
struct Peers {
    raw: HashMap<(String, Vec<u8>), Vec<u8>>,
    raw_reads: u64,
    smart_queries: u64,
}

struct Bench {
    deps: MeteredDeps,
    env: Env,
    peers: Rc<RefCell<Peers>>,
    ctr: Addr,
    council: Addr,
}

impl Bench {
    /// A release contract holding `releases` released candidates.
    fn new(releases: u32) -> Self {
        let (mut deps, _) = metered_deps();
        let api = deps.api;
        let (membership, registry, council) = (
            api.addr_make("membership"),
            api.addr_make("registry"),
            api.addr_make("council"),
        );
        let ctr = api.addr_make("ctr");
        let peers = Rc::new(RefCell::new(Peers::default()));
        {
            let mut p = peers.borrow_mut();
            let record = MemberRecord {
                role: Role::CoreTeamRep,
                since: 1,
            };
            let m = membership.to_string();
            p.raw.insert(
                (m.clone(), MEMBERS.key(&ctr).to_vec()),
                to_json_vec(&record).unwrap(),
            );
            p.raw.insert(
                (m, PUBKEYS.key(&ctr).to_vec()),
                to_json_vec(&cosmwasm_std::Binary::from([2u8; 33])).unwrap(),
            );
        }
        let gate = AuditGateResponse {
            passed: true,
            positive: vec![api.addr_make("auditor")],
            blocking: vec![],
            not_counted: vec![],
            reports_log: LogHead {
                length: 1,
                head: digest('e'),
            },
        };
        let answering = peers.clone();
        let council_addr = council.to_string();
        deps.querier.update_wasm(move |query| {
            let mut p = answering.borrow_mut();
            match query {
                WasmQuery::Raw { contract_addr, key } => {
                    p.raw_reads += 1;
                    let value = if *contract_addr == council_addr
                        && key.as_slice() == NEXT_PROPOSAL_ID_KEY.as_bytes()
                    {
                        to_json_vec(&(p.raw_reads + 1)).unwrap()
                    } else {
                        p.raw
                            .get(&(contract_addr.clone(), key.to_vec()))
                            .cloned()
                            .unwrap_or_default()
                    };
                    SystemResult::Ok(ContractResult::Ok(value.into()))
                }
                _ => {
                    p.smart_queries += 1;
                    SystemResult::Ok(ContractResult::Ok(to_json_binary(&gate).unwrap()))
                }
            }
        });
        let mut env = mock_env();
        env.block.height = 100;
        let msg = InstantiateMsg {
            membership: membership.to_string(),
            audit_registry: registry.to_string(),
            council_vote: council.to_string(),
            app_name: "berty".into(),
        };
        instantiate(deps.as_mut(), env.clone(), message_info(&ctr, &[]), msg).unwrap();
        let mut bench = Bench {
            deps,
            env,
            peers,
            ctr,
            council,
        };
        for n in 0..releases {
            for (_, msg) in bench.lifecycle(1000 + n) {
                bench.measure(msg);
            }
        }
        bench
    }

    /// The messages of one release's life, each with its name.
    fn lifecycle(&self, n: u32) -> Vec<(&'static str, (Addr, ExecuteMsg))> {
        let id = rid(n);
        let ctr = self.ctr.clone();
        vec![
            ("propose", (ctr.clone(), Suite::propose_msg(&id, "1.2.3"))),
            (
                "submit_for_vote",
                (
                    ctr.clone(),
                    ExecuteMsg::SubmitForVote {
                        release_id: id.clone(),
                    },
                ),
            ),
            (
                "record_council_decision",
                (
                    self.council.clone(),
                    ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
                        release_id: id.clone(),
                        proposal_id: 0, // replaced by the vote's id
                        passed: true,
                        tally: tally(3, 0),
                        rules: Rules::default(),
                        ballots_head: digest('d'),
                        ballots_count: 6,
                    }),
                ),
            ),
            ("finalize", (ctr.clone(), Suite::finalize_msg(&id))),
            (
                "attest_publication",
                (ctr, Suite::attest_msg(&id, "f-droid", &digest('a'))),
            ),
        ]
    }

    /// (storage gas, raw peer reads, smart queries) of one message.
    fn measure(&mut self, (sender, mut msg): (Addr, ExecuteMsg)) -> (u64, u64, u64) {
        if let ExecuteMsg::RecordCouncilDecision(RecordCouncilDecisionMsg {
            release_id,
            proposal_id,
            ..
        }) = &mut msg
        {
            let release =
                berty_release::query::release(self.deps.as_ref(), &self.env, release_id.clone())
                    .unwrap();
            *proposal_id = release.proposal_id.unwrap();
        }
        self.deps.storage.reset();
        {
            let mut p = self.peers.borrow_mut();
            p.raw_reads = 0;
            p.smart_queries = 0;
        }
        self.env.block.height += 1;
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(&sender, &[]),
            msg,
        )
        .unwrap();
        let p = self.peers.borrow();
        (self.deps.storage.gas.get(), p.raw_reads, p.smart_queries)
    }

    /// The costs of release `n`'s life, from the same height (heights are stored in events:
    /// a longer number is more bytes).
    fn costs(&mut self, n: u32) -> Vec<(&'static str, (u64, u64, u64))> {
        self.env.block.height = 5_000;
        self.lifecycle(n)
            .into_iter()
            .map(|(name, msg)| (name, self.measure(msg)))
            .collect()
    }
}

#[test]
fn gas_does_not_grow_with_releases_and_peers_are_read_raw() {
    let few = Bench::new(1).costs(1);
    let many = Bench::new(200).costs(1);
    assert_eq!(few, many);
    for (name, (gas, raw, smart)) in &few {
        println!("{name}: {gas} storage gas, {raw} raw reads, {smart} smart queries");
    }
    let by_name: HashMap<_, _> = few.into_iter().collect();
    // CTR role and key by raw read; the audit gate is the only smart query
    assert_eq!(by_name["propose"].1, 2);
    assert_eq!(by_name["propose"].2, 0);
    // role, next proposal id, members log head, key; one audit_gate
    assert_eq!(by_name["submit_for_vote"].1, 4);
    assert_eq!(by_name["submit_for_vote"].2, 1);
    assert_eq!(
        by_name["record_council_decision"].1 + by_name["record_council_decision"].2,
        0
    );
    // role, the proposer's role at its proposal, members log head, key; one audit_gate
    assert_eq!(by_name["finalize"].2, 1);
    assert_eq!(by_name["attest_publication"].2, 0);
}
