//! The door graph: rooms and `outside` as nodes, doors as edges (petgraph).
//!
//! ```
//! use juwei::geom::reach::DoorGraph;
//! # let text = include_str!("../../tests/fixtures/plan/spec-example.ron");
//! # let plan = juwei::io::parse_plan(std::path::Path::new("x"), text).unwrap();
//! let g = DoorGraph::new(&plan);
//! assert_eq!(g.reached(|_| true), vec![true]);
//! ```

use std::collections::{HashMap, VecDeque};

use petgraph::graph::{NodeIndex, UnGraph};

use crate::model::{Plan, OUTSIDE};

/// Node 0 is `outside`; node *i + 1* is room *i* of the plan.
#[derive(Debug, Clone)]
pub struct DoorGraph {
    graph: UnGraph<(), ()>,
}

impl DoorGraph {
    pub fn new(plan: &Plan) -> Self {
        let mut graph = UnGraph::with_capacity(plan.rooms.len() + 1, plan.doors.len());
        for _ in 0..=plan.rooms.len() {
            graph.add_node(());
        }
        let index: HashMap<&str, usize> = plan
            .rooms
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i + 1))
            .chain(std::iter::once((OUTSIDE, 0)))
            .collect();
        for d in &plan.doors {
            if let (Some(&a), Some(&b)) = (
                index.get(d.between.0.as_str()),
                index.get(d.between.1.as_str()),
            ) {
                if a != b {
                    graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
                }
            }
        }
        DoorGraph { graph }
    }

    /// Which rooms can be entered from `outside`, walking through doors and
    /// passing only through rooms for which `passable(room index)` holds. A
    /// room that is not passable can still be entered (it is reached), but
    /// not walked through.
    pub fn reached(&self, passable: impl Fn(usize) -> bool) -> Vec<bool> {
        let n = self.graph.node_count() - 1;
        let mut reached = vec![false; n];
        let mut queue = VecDeque::from([NodeIndex::new(0)]);
        let mut seen = vec![false; n + 1];
        seen[0] = true;
        while let Some(node) = queue.pop_front() {
            for next in self.graph.neighbors(node) {
                let k = next.index();
                if seen[k] {
                    continue;
                }
                seen[k] = true;
                reached[k - 1] = true;
                if passable(k - 1) {
                    queue.push_back(next);
                }
            }
        }
        reached
    }

    /// Indices of the rooms that share a door with room `i` (`None` = outside).
    pub fn neighbours(&self, i: usize) -> Vec<Option<usize>> {
        self.graph
            .neighbors(NodeIndex::new(i + 1))
            .map(|n| n.index().checked_sub(1))
            .collect()
    }
}
