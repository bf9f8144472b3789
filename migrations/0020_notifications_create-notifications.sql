-- Reserved for the notifications module (issue 4 point 8).
select 1;
