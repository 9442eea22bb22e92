from check_report.cli import main

raise SystemExit(main())
