"""Benchmarks run by `invoke bench-search` (not by pytest): corpora come from
../shared/bench/gen_corpus.py and are generated in a temporary folder, never committed."""
