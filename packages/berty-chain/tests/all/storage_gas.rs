//! The runner's storage gas for a known pattern equals the Cosmos SDK figure computed by hand.

use berty_chain::{gas, keeper, Chain};
use cosmwasm_std::Empty;

use crate::chain_with;
use crate::probe::{Op, Probe, EMPTY_RESPONSE};

/// Full keys are `0x03 ‖ 32-byte contract address ‖ key`: 33 bytes of prefix.
const PREFIX: u64 = 33;

#[test]
fn storage_gas_of_writes_reads_and_a_scan_is_the_sdk_figure() {
    let probe = Probe::new(
        vec![
            Op::Write("alpha", "0123456789"), // key 5, value 10
            Op::Write("beta", "xyz"),         // key 4, value 3
            Op::Read("alpha"),                // found: 10 bytes
            Op::Read("missing"),              // absent: key 7, no value
            Op::Scan(3),                      // alpha, beta, then the end
        ],
        EMPTY_RESPONSE,
    );
    let (mut chain, sender, contracts) = chain_with(&[probe]);
    let outcome = chain
        .execute(&sender, &contracts[0], &Empty {}, &[])
        .expect("executes");

    // cosmos-sdk KVGasConfig: write 2000 + 30/byte, read 1000 + 3/byte, iterator step 30 +
    // 3/byte of the entry under the cursor (at creation and at each Next).
    let write_alpha = 2000 + 30 * (PREFIX + 5 + 10);
    let write_beta = 2000 + 30 * (PREFIX + 4 + 3);
    let read_alpha = 1000 + 3 * (PREFIX + 5 + 10);
    let read_missing = 1000 + 3 * (PREFIX + 7);
    let alpha_entry = 3 * (PREFIX + 5 + 10);
    let beta_entry = 3 * (PREFIX + 4 + 3);
    let scan = (30 + alpha_entry) + (30 + alpha_entry) + (30 + beta_entry); // end: free
    let expected = write_alpha + write_beta + read_alpha + read_missing + scan;
    assert_eq!(expected, 3440 + 3200 + 1144 + 1120 + 90 + 144 + 144 + 120);
    assert_eq!(outcome.gas.storage, expected);

    // One instance, loaded cold; the VM's part is small but not zero; the free tier covers
    // the no attributes; the result bytes are charged one gas each.
    assert_eq!(outcome.gas.instances, 1);
    assert_eq!(outcome.gas.setup, gas::INSTANCE_COST);
    assert!(
        outcome.gas.vm > 0 && outcome.gas.vm < 1_000,
        "{}",
        outcome.gas
    );
    assert_eq!(outcome.gas.events, 0);
    assert_eq!(outcome.gas.deserialization, EMPTY_RESPONSE.len() as u64);
    // wasmd reads the contract's and its code's records and the pin flag first.
    let records = keeper::contract_instance(
        32,
        keeper::contract_info_len(1, sender.as_str(), None, "probe", 1, contracts[0].as_str()),
        keeper::code_info_len(sender.as_str()),
    );
    assert_eq!(outcome.gas.keeper, records + keeper::PINNED_FLAG);
    assert_eq!(
        outcome.gas.total(),
        60_000 + outcome.gas.vm + expected + EMPTY_RESPONSE.len() as u64 + outcome.gas.keeper
    );
}

#[test]
fn storage_gas_does_not_depend_on_what_else_is_stored() {
    // The same write costs the same with 1 or 50 other entries in the store.
    let write = Probe::new(vec![Op::Write("k", "v")], EMPTY_RESPONSE);
    let mut filled = write.clone();
    filled.instantiate_ops = (0..50)
        .map(|i| Op::Write(Box::leak(format!("other{i}").into_boxed_str()), "value"))
        .collect();
    let gas_of = |probe: Probe| {
        let (mut chain, sender, contracts) = chain_with(&[probe]);
        chain
            .execute(&sender, &contracts[0], &Empty {}, &[])
            .unwrap()
            .gas
            .storage
    };
    assert_eq!(gas_of(write), 2000 + 30 * (PREFIX + 2));
    assert_eq!(gas_of(filled), 2000 + 30 * (PREFIX + 2));
}

#[test]
fn uploading_code_charges_decompression_compilation_and_the_code_info() {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let wasm = Probe::new(vec![], EMPTY_RESPONSE).wasm();
    let (code_id, gas) = chain.store_code(&sender, &wasm).unwrap();
    assert_eq!(code_id, 1);
    let gzipped = keeper::gzipped_len(&wasm);
    assert!(gzipped < wasm.len());
    // 0.15 per gzipped byte, 3 per byte, the params (twice), the code id sequence (new:
    // read empty), the code info.
    let records = 2 * (1_000 + 3 * (1 + 6))
        + (1_000 + 3 * 11)
        + (2_000 + 30 * (11 + 8))
        + (2_000 + 30 * (9 + keeper::code_info_len(sender.as_str()) as u64));
    assert_eq!(
        gas,
        gzipped as u64 * 15 / 100 + 3 * wasm.len() as u64 + records
    );
}

#[test]
fn queries_of_other_contracts_cost_what_wasmd_charges() {
    let mut stored = Probe::new(vec![], EMPTY_RESPONSE);
    stored.instantiate_ops = vec![Op::Write("config", "0123456789")];
    let (mut chain, sender, contracts) = chain_with(&[stored]);
    let peer = contracts[0].to_string();
    let nobody = chain.api().user("nobody").to_string();
    let gas_of = |chain: &mut Chain, request: String| {
        let (code_id, _) = chain
            .store_code(
                &sender,
                &Probe::new(vec![Op::Query(request)], EMPTY_RESPONSE).wasm(),
            )
            .unwrap();
        let (querier, _) = chain
            .instantiate(&sender, code_id, &Empty {}, &[], "q", None)
            .unwrap();
        chain
            .execute(&sender, &querier, &Empty {}, &[])
            .unwrap()
            .gas
    };
    // A raw query: one store read of the peer's key (base64 "config" = "Y29uZmln").
    let raw = gas_of(
        &mut chain,
        format!(r#"{{"wasm":{{"raw":{{"contract_addr":"{peer}","key":"Y29uZmln"}}}}}}"#),
    );
    assert_eq!(raw.instances, 1);
    assert_eq!(raw.storage, 1000 + 3 * (PREFIX + 6 + 10));
    // A smart query loads the peer: a second instance at the full price.
    let smart = gas_of(
        &mut chain,
        format!(r#"{{"wasm":{{"smart":{{"contract_addr":"{peer}","msg":"e30="}}}}}}"#),
    );
    assert_eq!(smart.instances, 2);
    assert_eq!(smart.setup, 2 * gas::INSTANCE_COST);
    assert_eq!(smart.storage, 0);
    // An unknown contract: the querier says so without loading anything.
    let unknown = gas_of(
        &mut chain,
        format!(r#"{{"wasm":{{"smart":{{"contract_addr":"{nobody}","msg":"e30="}}}}}}"#),
    );
    assert_eq!(unknown.instances, 1);
}
