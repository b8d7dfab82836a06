meta
key;value
vote_type;approval
election_name;pabutools test layout
budget;90000
num_votes;3

projects
name;cost
skwer;50000
lampy;40000
boisko;60000

votes
vote
skwer,lampy
boisko
skwer
