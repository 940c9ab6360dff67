//! The integration tests, as one binary: one link step and one process for the whole suite, so
//! a fixture site built once (see `common::built`) serves every test that only reads it.
//! Each module is one area of the product; `common` holds the helpers they share.

mod common;

mod author_messages;
mod bad_input;
mod bench;
mod breakdowns;
mod build;
mod check_json;
mod citations;
mod compare;
mod consistency;
mod drafts;
mod editions;
mod editions_check;
mod editions_scores;
mod example_truth;
mod figures;
mod first_hour;
mod init;
mod languages_format;
mod languages_names;
mod languages_text;
mod languages_three;
mod learning_path;
mod my_pes;
mod pagination;
mod peer_groups;
mod print;
mod provenance;
mod publish;
mod safety_files;
mod safety_input;
mod safety_output;
mod safety_search;
mod safety_serve;
mod safety_terminal;
mod search;
mod serve;
mod served;
mod theme;
