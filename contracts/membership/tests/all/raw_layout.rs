//! Peers read a member's role and the height of its last change raw (SPEC section 2);
//! the raw read and the smart query must agree.

use berty_interface::keys::{MemberRecord, MembershipReader};
use berty_interface::Role;
use berty_testing::membership::{member, MembershipSuite, ACTIVIST, SEATS, TECHNOLOGIST};
use berty_testing::TestKey;

#[test]
fn raw_record_and_smart_query_agree() {
    let key = TestKey::from_seed("carol");
    // dan keeps the activists seated when alice leaves them
    let mut suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("dan", ACTIVIST),
    ]);
    let genesis = suite.height();
    let carol = key.addr(suite.app.api());
    let (alice, bob, zed) = (suite.addr("alice"), suite.addr("bob"), suite.addr("zed"));
    let reader = MembershipReader(suite.contract.clone());

    let snapshot = suite.next_block();
    suite
        .update_members(vec![member(&carol, Role::CoreTeamRep)], vec![])
        .unwrap();
    suite.register_pubkey(&carol, key.pubkey()).unwrap();
    let changed_at = suite.next_block();
    // changed after the snapshot: alice's role, bob's removal
    suite
        .update_members(vec![member(&alice, TECHNOLOGIST)], vec![&bob])
        .unwrap();
    suite.next_block();

    let querier = suite.app.wrap();
    // members: the raw record is the current role and the height it was set
    assert_eq!(
        reader.record(&querier, &alice).unwrap(),
        Some(MemberRecord {
            role: TECHNOLOGIST,
            since: changed_at
        })
    );
    assert_eq!(
        reader.record(&querier, &carol).unwrap(),
        Some(MemberRecord {
            role: Role::CoreTeamRep,
            since: snapshot
        })
    );
    // non-members and removed members have no record
    assert_eq!(reader.record(&querier, &zed).unwrap(), None);
    assert_eq!(reader.record(&querier, &bob).unwrap(), None);
    assert_eq!(reader.pubkey(&querier, &carol).unwrap(), Some(key.pubkey()));
    assert_eq!(reader.pubkey(&querier, &alice).unwrap(), None);

    for addr in [&alice, &bob, &carol, &zed] {
        let now = suite.member(addr, None);
        assert_eq!(
            reader.record(&querier, addr).unwrap().map(|r| r.role),
            now.role,
            "{addr}"
        );
        assert_eq!(reader.pubkey(&querier, addr).unwrap(), now.pubkey, "{addr}");
        for height in [genesis, snapshot, changed_at, changed_at + 1] {
            assert_eq!(
                reader.role_at(&querier, addr, height).unwrap(),
                suite.member(addr, Some(height)).role,
                "{addr} at {height}"
            );
        }
    }
    // members changed after the snapshot still answer with their role at the snapshot
    assert_eq!(
        reader.role_at(&querier, &alice, snapshot).unwrap(),
        Some(ACTIVIST)
    );
    assert_eq!(
        reader.role_at(&querier, &bob, snapshot).unwrap(),
        Some(TECHNOLOGIST)
    );
    assert_eq!(reader.role_at(&querier, &carol, snapshot).unwrap(), None);

    // the members log head, read raw, is the contract's own answer
    let chain_id = suite.app.block_info().chain_id;
    assert_eq!(
        reader.members_log_head(&querier, &chain_id).unwrap(),
        suite.member_log_head()
    );
}

/// Genesis must seat both colleges, so the members log is never empty: its head, read
/// raw, chains the genesis grants from `hash_0` (SPEC 6's text).
#[test]
fn genesis_members_log_head_read_raw_chains_from_hash_0() {
    let suite = MembershipSuite::new(&SEATS);
    let reader = MembershipReader(suite.contract.clone());
    let chain_id = suite.app.block_info().chain_id;
    let head = reader
        .members_log_head(&suite.app.wrap(), &chain_id)
        .unwrap();
    assert_eq!(head.length, 2);
    assert_eq!(head, suite.member_log_head());
    let text = format!("berty-dao/members/v1\n{chain_id}\n{}\ndao", suite.contract);
    let mut hash = berty_hashlog::sha256(text.as_bytes());
    for entry in suite.member_log(None, None).events {
        hash = berty_hashlog::chain_hash(&hash, &cosmwasm_std::to_json_vec(&entry.event).unwrap());
    }
    assert_eq!(head.head, berty_hashlog::hash::to_hex(&hash));
}

/// The audit registry reads the bar raw before it asks for a grant: the raw read and the
/// `member` answer agree, as the bar is set and lifted.
#[test]
fn barred_read_raw_agrees_with_the_answer() {
    let mut suite = MembershipSuite::new(&[
        ("alice", ACTIVIST),
        ("bob", TECHNOLOGIST),
        ("audra", Role::Auditor),
    ]);
    let audra = suite.addr("audra");
    let reader = MembershipReader(suite.contract.clone());
    let raw = |suite: &MembershipSuite| {
        suite
            .app
            .wrap()
            .query_wasm_raw(
                suite.contract.clone(),
                berty_interface::keys::BARRED.key(&audra).to_vec(),
            )
            .unwrap()
    };
    let agree = |suite: &MembershipSuite, barred: bool| {
        let querier = suite.app.wrap();
        assert_eq!(reader.is_barred(&querier, &audra).unwrap(), barred);
        assert_eq!(suite.member(&audra, None).barred, barred);
    };
    agree(&suite, false);
    assert_eq!(raw(&suite), None);
    suite.update_members(vec![], vec![&audra]).unwrap();
    agree(&suite, true);
    // `barred` + addr holds `null` while the bar stands
    assert_eq!(raw(&suite), Some(b"null".to_vec()));
    suite
        .update_members(vec![member(&audra, Role::Auditor)], vec![])
        .unwrap();
    agree(&suite, false);
    assert_eq!(raw(&suite), None);
}

/// A querier that answers raw reads and refuses contract calls, so a test can show a
/// read took the cheap path.
struct RawOnly<'a>(cosmwasm_std::QuerierWrapper<'a>);

impl cosmwasm_std::Querier for RawOnly<'_> {
    fn raw_query(&self, bin_request: &[u8]) -> cosmwasm_std::QuerierResult {
        let request: cosmwasm_std::QueryRequest =
            cosmwasm_std::from_json(bin_request).expect("a query request");
        match request {
            cosmwasm_std::QueryRequest::Wasm(cosmwasm_std::WasmQuery::Raw {
                contract_addr,
                key,
            }) => {
                let value = self.0.query_wasm_raw(contract_addr, key).expect("raw read");
                // a raw answer is the stored bytes, empty when absent
                cosmwasm_std::SystemResult::Ok(cosmwasm_std::ContractResult::Ok(
                    cosmwasm_std::Binary::from(value.unwrap_or_default()),
                ))
            }
            other => cosmwasm_std::SystemResult::Err(cosmwasm_std::SystemError::InvalidRequest {
                error: "only raw reads here".into(),
                request: cosmwasm_std::to_json_binary(&other).expect("serializes"),
            }),
        }
    }
}

#[test]
fn role_at_a_snapshot_after_the_last_change_is_one_raw_read() {
    let mut suite = MembershipSuite::new(&[("alice", ACTIVIST), ("bob", TECHNOLOGIST)]);
    let (alice, zed) = (suite.addr("alice"), suite.addr("zed"));
    let genesis = suite.height();
    let snapshot = suite.next_block();
    let reader = MembershipReader(suite.contract.clone());
    let app_querier = suite.app.wrap();
    let raw_only = RawOnly(app_querier);
    let querier = cosmwasm_std::QuerierWrapper::<cosmwasm_std::Empty>::new(&raw_only);
    assert_eq!(
        reader.role_at(&querier, &alice, snapshot).unwrap(),
        Some(ACTIVIST)
    );
    // at the genesis block the record is too new: that takes the snapshot query
    assert!(reader.role_at(&querier, &alice, genesis).is_err());
    // and so does an address with no record
    assert!(reader.role_at(&querier, &zed, snapshot).is_err());
}
