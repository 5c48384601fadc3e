//! Storage gas of each message under the Cosmos SDK's KV gas table, counted on the
//! contract's storage: it must not grow with the number of members.

use std::marker::PhantomData;

use berty_interface::membership::{ExecuteMsg, InstantiateMsg, MemberInit};
use berty_interface::Role;
use berty_membership::contract::{execute, instantiate};
use berty_testing::gas::{Metered, MeteredDeps};
use berty_testing::membership::{ACTIVIST, TECHNOLOGIST};
use berty_testing::TestKey;
use cosmwasm_std::testing::{message_info, mock_env, MockApi, MockQuerier};
use cosmwasm_std::{Addr, Env, OwnedDeps};

/// The contract's storage metered with the Cosmos SDK's KV gas table (`berty_testing::gas`).
type Deps = MeteredDeps;

fn deps_with_members(n: usize) -> (Deps, Env, Addr, Addr) {
    let mut deps = OwnedDeps {
        storage: Metered::default(),
        api: MockApi::default(),
        querier: MockQuerier::default(),
        custom_query_type: PhantomData,
    };
    let mut env = mock_env();
    let owner = deps.api.addr_make("owner");
    let registrar = deps.api.addr_make("registrar");
    // one seat per college (SPEC 4.1), then `n` activists
    let seat = |name: &str, role| MemberInit {
        addr: deps.api.addr_make(name).to_string(),
        role,
    };
    let msg = InstantiateMsg {
        owner: owner.to_string(),
        auditor_registrar: Some(registrar.to_string()),
        members: vec![
            seat("seat-activists", ACTIVIST),
            seat("seat-technologists", TECHNOLOGIST),
        ],
    };
    instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
    let all: Vec<Addr> = (0..n)
        .map(|i| deps.api.addr_make(&format!("m{i}")))
        .collect();
    for chunk in all.chunks(100) {
        env.block.height += 1;
        let add = chunk
            .iter()
            .map(|a| MemberInit {
                addr: a.to_string(),
                role: ACTIVIST,
            })
            .collect();
        let msg = ExecuteMsg::UpdateMembers {
            add,
            remove: vec![],
        };
        execute(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
    }
    env.block.height += 1;
    (deps, env, owner, registrar)
}

fn gas_of(deps: &mut Deps, env: &Env, sender: &Addr, msg: ExecuteMsg) -> u64 {
    deps.storage.gas.set(0);
    execute(deps.as_mut(), env.clone(), message_info(sender, &[]), msg).unwrap();
    deps.storage.gas.get()
}

/// (message, storage gas) with `members` members already in place.
fn measure(members: usize) -> Vec<(&'static str, u64)> {
    let (mut deps, env, owner, registrar) = deps_with_members(members);
    let key = TestKey::from_seed("carol");
    let carol = key.addr(&deps.api);
    let (zed, m0) = (deps.api.addr_make("zed"), deps.api.addr_make("m0"));
    let add = |addr: &Addr, role| ExecuteMsg::UpdateMembers {
        add: vec![MemberInit {
            addr: addr.to_string(),
            role,
        }],
        remove: vec![],
    };
    vec![
        (
            "update_members (add one)",
            gas_of(&mut deps, &env, &owner, add(&carol, Role::CoreTeamRep)),
        ),
        (
            "register_pubkey",
            gas_of(
                &mut deps,
                &env,
                &carol,
                ExecuteMsg::RegisterPubkey {
                    pubkey: key.pubkey(),
                },
            ),
        ),
        (
            "grant_auditor",
            gas_of(
                &mut deps,
                &env,
                &registrar,
                ExecuteMsg::GrantAuditor {
                    addr: zed.to_string(),
                },
            ),
        ),
        (
            "revoke_auditor",
            gas_of(
                &mut deps,
                &env,
                &registrar,
                ExecuteMsg::RevokeAuditor {
                    addr: zed.to_string(),
                },
            ),
        ),
        (
            "update_members (change a role)",
            gas_of(&mut deps, &env, &owner, add(&m0, Role::Auditor)),
        ),
        (
            "update_members (no change)",
            gas_of(&mut deps, &env, &owner, add(&m0, Role::Auditor)),
        ),
        (
            "update_members (remove an auditor)",
            gas_of(
                &mut deps,
                &env,
                &owner,
                ExecuteMsg::UpdateMembers {
                    add: vec![],
                    remove: vec![m0.to_string()],
                },
            ),
        ),
    ]
}

#[test]
fn storage_gas_does_not_grow_with_members() {
    let few = measure(1);
    let many = measure(300);
    for ((name, small), (_, large)) in few.iter().zip(&many) {
        println!("{name:32} {small:>7} SDK gas with 1 member, {large:>7} with 300");
        // only the bytes of a grown address-free value may differ (the counts' digits)
        assert!(
            large.abs_diff(*small) <= 200,
            "{name}: {small} with 1 member, {large} with 300"
        );
    }
}

#[test]
fn a_batch_that_changes_nothing_writes_nothing() {
    let (mut deps, env, owner, _) = deps_with_members(3);
    let m0 = deps.api.addr_make("m0");
    deps.storage.writes.set(0);
    let msg = ExecuteMsg::UpdateMembers {
        add: vec![MemberInit {
            addr: m0.to_string(),
            role: ACTIVIST,
        }],
        remove: vec![],
    };
    execute(deps.as_mut(), env, message_info(&owner, &[]), msg).unwrap();
    assert_eq!(deps.storage.writes.get(), 0);
}
