from weakties.cli import main

main()
