#!/usr/bin/env python3
"""Computes the jump_columns/1 tables of stdlib/rand.erl: the state transition
of xorshift116 (exsss, exsp) and xoroshiro116 (exrop) as a GF(2) matrix, raised
to 2^64; prints the Erlang clauses (to /tmp/jump_cols.erl) and checks them
against states erl gave for rand:jump/1."""
M58=(1<<58)-1
def xs_state(st):  # xorshift116 state transition (exsss/exsp), state (s1,s0) as list [S1|S0]
    s1,s0=st
    m = s1 ^ ((s1<<24)&M58)
    n1 = m ^ s0 ^ (m>>11) ^ (s0>>41)
    return (s0, n1)
def rotl58(v,k): return ((v<<k)|(v>>(58-k)))&M58
def xo_state(st):
    s0,s1=st
    s1a=s1^s0
    return (rotl58(s0,24) ^ s1a ^ ((s1a<<2)&M58), rotl58(s1a,35))
def to_int(st): return st[0] | (st[1]<<58)
def from_int(x): return (x & M58, x>>58)
def matrix(f):
    # column j = f(e_j)
    cols=[to_int(f(from_int(1<<j))) for j in range(116)]
    return cols
def apply(cols, x):
    r=0; j=0
    while x:
        if x&1: r^=cols[j]
        x>>=1; j+=1
    return r
def mul(a,b):  # a∘b : apply b then a
    return [apply(a,c) for c in b]
def power(cols, e):
    res=[1<<j for j in range(116)]
    base=cols
    while e:
        if e&1: res=mul(base,res)
        base=mul(base,base); e>>=1
    return res
import sys
for name,f,st,exp in [('exsss',xs_state,(117085240290607817,199386643319833935),(35765545015738844,226599100880269700)),
                  ('exsp',xs_state,(72022415603679006,144185572652843231),(42743497512058792,32689743511553918)),
                  ('exrop',xo_state,(216142952727055094,288211065979672063),(106683025228118720,115751794403770472))]:
    J=power(matrix(f), 1<<64)
    got=from_int(apply(J,to_int(st)))
    print(name, got, exp, got==exp)
out=[]
for name,f in [('xorshift116',xs_state),('xoroshiro116',xo_state)]:
    J=power(matrix(f), 1<<64)
    out.append("jump_columns(%s) ->\n    {%s}" % (name, ",\n     ".join("16#%X" % c for c in J)))
open('/tmp/jump_cols.erl','w').write(";\n".join(out)+".\n")
