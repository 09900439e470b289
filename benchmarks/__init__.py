"""Speed and memory benchmarks, each printing ratios against its baseline."""
