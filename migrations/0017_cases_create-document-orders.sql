-- Reserved: filled in by the change that introduces it.
select 1;
