// Linked into every test project that runs libtorch. Its random generator (which module initialisation draws from)
// and its thread count are process-wide: a test that seeds and then builds a model gets other weights if a test
// running beside it draws in between, and a test that sets the thread count (replicas, the precision probe) changes
// the order of every other test's reductions. Tests that compare two runs exactly failed now and then in CI
// (FlatAdamWTests+Beta2 saw different initial weights), so these assemblies run one test at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
