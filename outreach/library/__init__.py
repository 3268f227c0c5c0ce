"""The library: publications, their files, the public list and pages, the feed."""
