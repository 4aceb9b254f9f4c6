from reader.app import main

raise SystemExit(main())
