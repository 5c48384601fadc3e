//! The embedded chain's tests: gas against hand-computed SDK figures, rollback, failures,
//! and the real membership artifact.

mod dao;
mod failures;
mod membership;
mod probe;
mod rollback;
mod storage_gas;

use berty_chain::Chain;
use cosmwasm_std::{Addr, Empty};

/// Uploads `probe` and instantiates it; returns its address.
pub fn add_probe(chain: &mut Chain, sender: &Addr, probe: &probe::Probe) -> Addr {
    let (code_id, _) = chain.store_code(sender, &probe.wasm()).expect("stores");
    let (addr, _) = chain
        .instantiate(sender, code_id, &Empty {}, &[], "probe", None)
        .expect("instantiates");
    addr
}

/// A chain with each probe uploaded and instantiated; the chain, the sender, the addresses.
pub fn chain_with(probes: &[probe::Probe]) -> (Chain, Addr, Vec<Addr>) {
    let mut chain = Chain::new("berty-test-1");
    let sender = chain.api().user("sender");
    let contracts = probes
        .iter()
        .map(|probe| add_probe(&mut chain, &sender, probe))
        .collect();
    (chain, sender, contracts)
}
