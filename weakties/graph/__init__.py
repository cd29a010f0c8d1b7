"""The introduction-path engine: CSR arrays and searches over them (numpy/scipy, no Django)."""
