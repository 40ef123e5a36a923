"""Game-theoretic analyses: landscape coalitions and expected-utility bargaining."""
