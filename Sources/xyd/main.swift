import App
import Foundation

exit(await Xyd.main())
