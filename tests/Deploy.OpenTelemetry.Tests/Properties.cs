// A tracer provider listens to the engine's ActivitySource process-wide: two builds at once in this process would
// each export the other's spans too. One build runs at a time here (a real build runs one per process).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
