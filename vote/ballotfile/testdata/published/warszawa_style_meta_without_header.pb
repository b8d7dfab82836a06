META
description;District PB; Bielany (layout of the Warszawa 2017-2018 files)
country;Poland
unit;Warszawa
subunit; Bielany 
instance;2018
num_projects;4
num_votes;7
budget;1000,50
vote_type;approval
rule;greedy
min_length;1
max_length;3
max_sum_cost;1000,5
comment;#1: projects of area-wide scope were pooled
language;polish
edition;4
koordynator;Urząd Dzielnicy
PROJECTS
project_id;cost;votes;name;category;selected
101;450,25;4;"Ławki; nowe";public space;1
102; 300 ;3;Zieleń przy szkole;urban greenery;1
103;600;2;Siłownia plenerowa;sport;0
104;120,5;2;Książki dla biblioteki;education;1
VOTES
voter_id;vote;age;sex
1;101,102;34;F
2; 101 , 103 ;61;M
3;102;19;F

4;101,104;45;M
5;103,102,101;52;F
6;;27;M
7;104
