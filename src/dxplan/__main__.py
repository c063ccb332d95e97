from dxplan.cli import main

main()
