package dev.couponkernel.service.admin;

import dev.couponkernel.spi.error.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import java.security.Principal;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The admin pages' common model (who is signed in) and their errors as a page, not as the REST API's problem JSON. */
@ControllerAdvice(assignableTypes = AdminController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminErrors {

    /**
     * @param principal who is signed in
     * @return their name, for every admin page's header
     */
    @ModelAttribute("staff")
    public String staff(Principal principal) {
        return principal == null ? "" : principal.getName();
    }

    /**
     * @param e an unknown coupon or job
     * @param model the page's model
     * @return the error page, with 404
     */
    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    public String notFound(NotFoundException e, Model model) {
        model.addAttribute("title", "Not found");
        model.addAttribute("detail", e.getMessage());
        return "admin/error";
    }
}
